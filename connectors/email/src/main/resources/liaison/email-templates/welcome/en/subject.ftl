Welcome<#if firstName??>, ${firstName}</#if>!
