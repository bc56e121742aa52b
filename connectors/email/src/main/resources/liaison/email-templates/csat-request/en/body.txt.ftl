Hello<#if firstName??> ${firstName}</#if>,

your request #${ticketId} has been solved. Please tell us how we did:
${surveyUrl}

It takes less than a minute.
