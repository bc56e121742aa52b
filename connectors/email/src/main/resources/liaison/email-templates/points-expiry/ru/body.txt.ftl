Здравствуйте<#if firstName??>, ${firstName}</#if>!

${expiresOn?date.iso?string.long} сгорят ваши баллы: ${points?number}.
Успейте потратить их до этой даты.

<#if unsubscribeUrl??>
Вы получили это письмо, потому что согласились на рассылку. Отписаться: ${unsubscribeUrl}
</#if>
