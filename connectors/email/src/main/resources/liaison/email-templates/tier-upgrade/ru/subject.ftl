Поздравляем<#if firstName??>, ${firstName}</#if>! Ваш новый уровень — ${tier}
