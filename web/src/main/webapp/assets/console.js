// Liaison console: the only script besides htmx and Chart.js. No inline script runs (CSP); pages carry data in
// data-* attributes and this file reads them.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";

  // Dates are sent in UTC (ISO 8601) and shown in the browser's own time zone.
  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (element) {
      var when = new Date(element.getAttribute("datetime"));
      if (!isNaN(when.getTime())) {
        element.textContent = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(when);
        element.title = element.getAttribute("datetime");
      }
    });
  }

  // htmx requests that change something carry the session's CSRF token, like every form does.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.body.dataset.csrf;
    if (token) {
      event.detail.headers["X-CSRF-Token"] = token;
    }
  });

  // Buttons that destroy something ask first; the question is in the button's data-confirm.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = button && button.dataset ? button.dataset.confirm : null;
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  function charts(root) {
    if (typeof Chart === "undefined") {
      return;
    }
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var spec = JSON.parse(canvas.dataset.chart);
      new Chart(canvas, {
        type: spec.type || "bar",
        data: { labels: spec.labels, datasets: spec.datasets },
        options: { responsive: true, maintainAspectRatio: false, animation: false,
                   scales: spec.type === "line" || spec.type === "bar" || !spec.type
                     ? { x: { stacked: !!spec.stacked }, y: { stacked: !!spec.stacked, beginAtZero: true } } : {} }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    localTimes(document);
    charts(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    localTimes(event.target);
  });
})();
