{{%AUTOESCAPE context="HTML"}}<link rel="stylesheet" href="/static/review.css">
<nav class="crumbs" aria-label="位置"><a href="/dashboard">工作台</a> › <a href="{{MS_HREF}}">《{{MS_TITLE}}》</a> › v{{VERSION}} {{SCREEN}}</nav>
<h1>《{{MS_TITLE}}》v{{VERSION}} {{SCREEN}}</h1>
<p class="ms-meta">{{OFFICE_NAME}}（{{OFFICE}}） · {{KIND}} · {{YEAR}} 年 · 状态 <strong class="status status-{{STATUS}}" id="review-status">{{STATUS_LABEL}}</strong> · 最新 v{{LATEST}}{{#READ_ONLY}} · <span class="read-only">只读</span>{{/READ_ONLY}}</p>
<nav class="review-tabs" aria-label="审查环节">{{#TAB}}<a href="{{HREF}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a>{{/TAB}}</nav>
<nav class="review-versions" aria-label="版本">版本：{{#VER}}<a href="{{HREF}}" title="{{FILE}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>v{{N}}</a> {{/VER}}</nav>
{{#NOTICE}}<p class="notice" role="status">{{TEXT}}</p>{{/NOTICE}}
