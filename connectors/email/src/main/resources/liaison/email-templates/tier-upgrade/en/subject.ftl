Congratulations<#if firstName??>, ${firstName}</#if>: you are now ${tier}!
