${points?number} of your points expire on ${expiresOn?date.iso?string.long}
