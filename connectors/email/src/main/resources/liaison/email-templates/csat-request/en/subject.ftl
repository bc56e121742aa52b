How did we do with your request #${ticketId}?
