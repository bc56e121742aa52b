Hello<#if firstName??> ${firstName}</#if>,

congratulations: you have reached the ${tier} tier<#if points??> with ${points?number} points</#if>.
Your new benefits apply from today.

<#if unsubscribeUrl??>
You receive this mail because you agreed to hear from us. Unsubscribe: ${unsubscribeUrl}
</#if>
