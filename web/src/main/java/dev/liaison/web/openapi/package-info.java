/**
 * Completes the OpenAPI document the server generates from the resources: every operation gets the error statuses its
 * shape can answer (with the problem types behind them), the problem schema and the security schemes, so that the
 * document lists every status the API can give.
 */
package dev.liaison.web.openapi;
