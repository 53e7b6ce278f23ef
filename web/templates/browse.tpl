{{%AUTOESCAPE context="HTML"}}<h1>馆藏</h1>
<div class="browse">
<aside class="filters" aria-label="筛选">
{{#FILTER_GROUP}}<h2>{{NAME}}</h2>
<ul>{{#OPTION}}<li><a href="{{HREF}}"{{#ACTIVE}} aria-current="true" class="active"{{/ACTIVE}}>{{LABEL}}</a> <span class="n">{{COUNT}}</span></li>{{/OPTION}}</ul>
{{/FILTER_GROUP}}
{{#HAS_FILTER}}<p><a href="/works">清除筛选</a></p>{{/HAS_FILTER}}
</aside>
<section class="results" aria-live="polite">
<p class="summary">共 {{TOTAL}} 部{{#SHOWING}}，第 {{FROM}}–{{TO}} 部{{/SHOWING}}。</p>
<table class="works">
<caption class="vh">作品列表</caption>
<thead><tr><th scope="col">题名</th><th scope="col">编号</th><th scope="col">类型</th><th scope="col">地区</th><th scope="col">朝代</th><th scope="col">编撰</th><th scope="col">版本</th><th scope="col" class="num">字数</th></tr></thead>
<tbody>
{{#ROW}}<tr><td><a href="/works/{{ID:u}}">《{{TITLE}}》</a></td><td>{{ID}}</td><td>{{KIND}}</td><td>{{REGION}}</td><td>{{DYNASTY}}</td><td>{{COMPILERS}}</td><td>{{EDITIONS}}</td><td class="num">{{HAN}}</td></tr>
{{/ROW}}</tbody>
</table>
{{#EMPTY}}<p>没有符合条件的作品。</p>{{/EMPTY}}
<nav class="pager" aria-label="翻页">{{#PREV}}<a rel="prev" href="{{HREF}}">上一页</a>{{/PREV}} {{#NEXT}}<a rel="next" href="{{HREF}}">下一页</a>{{/NEXT}}</nav>
</section>
</div>
