Hello<#if firstName??> ${firstName}</#if>,

thank you for joining ${brand!"us"}. From now on you collect points with every purchase
and climb the tiers of our loyalty programme.

<#if unsubscribeUrl??>
You receive this mail because you agreed to hear from us. Unsubscribe: ${unsubscribeUrl}
</#if>
