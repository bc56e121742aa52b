Баллы сгорят ${expiresOn?date.iso?string.long}: ${points?number}
