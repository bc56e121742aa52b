Hello<#if firstName??> ${firstName}</#if>,

${points?number} of your points expire on ${expiresOn?date.iso?string.long}.
Use them before then so they do not go to waste.

<#if unsubscribeUrl??>
You receive this mail because you agreed to hear from us. Unsubscribe: ${unsubscribeUrl}
</#if>
