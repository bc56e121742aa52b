Добро пожаловать<#if firstName??>, ${firstName}</#if>!
