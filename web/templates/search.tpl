{{%AUTOESCAPE context="HTML"}}<h1>全文检索</h1>
<form class="big-search" action="/search" method="get" role="search">
  <label for="search-q">查询</label>
  <div class="row"><input id="search-q" name="q" type="search" value="{{Q}}" maxlength="600" autofocus>
  <label class="vh" for="search-sort">排序</label>
  <select id="search-sort" name="sort"><option value="pos"{{#SORT_POS}} selected{{/SORT_POS}}>按位置</option><option value="left"{{#SORT_LEFT}} selected{{/SORT_LEFT}}>按左文</option><option value="right"{{#SORT_RIGHT}} selected{{/SORT_RIGHT}}>按右文</option></select>
  <button type="submit">检索</button></div>
  <p class="hint">任意长度，单字亦可；繁简、异体字、全半角通检，忽略标点与换行。<code>巴 蜀</code> 同节并见 · <code>巴 | 蜀</code> 或 · <code>巴 -蜀</code> 排除 · <code>"華陽 國志"</code> 短语 · <code>巴 NEAR/5 蜀</code> 邻近 · 筛选 <code>work:</code> <code>kind:</code> <code>region:</code> <code>dynasty:</code> <code>edition:all</code></p>
</form>
{{#ERROR}}<p class="error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
{{#RESULT}}
<p class="summary" role="status">检索 <q>{{CANONICAL_Q}}</q>：共 <strong id="total-occ">{{TOTAL}}</strong> 处，见于 <strong>{{NODES}}</strong> 个节点{{#SHOWING}}；第 {{FROM}}–{{TO}} 条{{/SHOWING}}（{{TOOK}} 毫秒）。
<span class="export">导出全部结果：<a href="{{CSV_HREF}}" id="export-csv">CSV</a> · <a href="{{XLSX_HREF}}" id="export-xlsx">XLSX</a> · <a href="{{API_HREF}}">JSON</a></span></p>
<div class="search-layout">
<aside class="facets" aria-label="分面筛选">
{{#FACET}}<section class="facet"><h2>{{NAME}}</h2>
<ul class="bars">{{#VALUE}}<li>{{#LINK}}<a href="{{HREF}}" title="{{TITLE}}">{{LABEL}}</a>{{/LINK}}{{#ACTIVE}}<a href="{{HREF}}" class="active" title="取消此筛选">✓ {{LABEL}}</a>{{/ACTIVE}}{{#PLAIN}}<span>{{LABEL}}</span>{{/PLAIN}} <span class="n">{{COUNT}}</span><span class="bar" style="width:{{PCT}}%"></span></li>{{/VALUE}}</ul>
{{#HAS_MORE}}<p class="n">另有 {{MORE}} 项（用 <code>work:</code> 等筛选）</p>{{/HAS_MORE}}
</section>{{/FACET}}
</aside>
<section class="kwic-wrap">
<div id="charts" class="charts" hidden>
<div class="chart" id="chart-work" role="img" aria-label="各书出现次数"></div>
<div class="chart" id="chart-dynasty" role="img" aria-label="各朝代出现次数"></div>
</div>
<script type="application/json" id="chart-data">{{CHART_JSON:none}}</script>
<table class="kwic">
<caption class="vh">KWIC 索引行</caption>
<thead><tr>
<th scope="col" class="pos"{{#SORT_POS}} aria-sort="ascending"{{/SORT_POS}}><a href="{{SORT_POS_HREF}}" id="sort-pos">序</a></th>
<th scope="col" class="left"{{#SORT_LEFT}} aria-sort="ascending"{{/SORT_LEFT}}><a href="{{SORT_LEFT_HREF}}" id="sort-left">左文</a></th>
<th scope="col" class="match">检索词</th>
<th scope="col" class="right"{{#SORT_RIGHT}} aria-sort="ascending"{{/SORT_RIGHT}}><a href="{{SORT_RIGHT_HREF}}" id="sort-right">右文</a></th>
<th scope="col" class="cite">出处</th>
</tr></thead>
<tbody>
{{#HIT}}<tr><td class="pos">{{N}}</td><td class="left"><div class="lc">{{LEFT:none}}</div></td><td class="match"><a href="{{HREF}}">{{MATCH:none}}</a></td><td class="right">{{RIGHT:none}}</td><td class="cite"><a href="{{HREF}}">{{CITATION}}</a></td></tr>
{{/HIT}}</tbody>
</table>
{{#NO_HITS}}<p>没有找到。可以试试更短的词、别的写法，或 <code>edition:all</code> 检索全部版本。</p>{{/NO_HITS}}
{{#PAST_END}}<p class="past-end">这一页已在最后一条之后（共 {{TOTAL}} 处）。<a href="{{FIRST_HREF}}" id="first-page">回到第一页</a></p>{{/PAST_END}}
<nav class="pager" aria-label="翻页">{{#PREV}}<a rel="prev" href="{{HREF}}">上一页</a>{{/PREV}} {{#NEXT}}<a rel="next" href="{{HREF}}">下一页</a>{{/NEXT}}</nav>
</section>
</div>
{{/RESULT}}
