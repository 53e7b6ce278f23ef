{{%AUTOESCAPE context="HTML"}}<section class="account-bar" aria-label="当前用户">
<p>{{USER_NAME}} · {{USER_ROLE}} · {{USER_OFFICE}}</p>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">退出登录</button></form>
</section>
<h1>工作台</h1>
{{#IS_ADMIN}}<p><a href="/audit">审计日志</a> · 账户管理用命令行 <code>fangzhi user add|list|disable|passwd</code></p>{{/IS_ADMIN}}
{{#CAN_UPLOAD}}<p><a class="button" href="/manuscripts/new">上传新稿件</a></p>{{/CAN_UPLOAD}}
{{#NO_MANUSCRIPTS}}<p>您的角色不经手稿件审查。可以<a href="/works">浏览馆藏</a>或<a href="/search">全文检索</a>。</p>{{/NO_MANUSCRIPTS}}
{{#MANUSCRIPTS}}
<section aria-labelledby="counts-h">
<h2 id="counts-h">{{#PROVINCE}}{{SCOPE}}{{/PROVINCE}}稿件统计（按年份与状态）</h2>
<table class="counts-table">
<thead><tr><th scope="col">年份</th>{{#STATUS_HEAD}}<th scope="col" class="num">{{LABEL}}</th>{{/STATUS_HEAD}}<th scope="col" class="num">合计</th></tr></thead>
<tbody>
{{#YEAR_ROW}}<tr><th scope="row">{{YEAR}}</th>{{#CELL}}<td class="num"><a href="/dashboard?year={{YEAR}}&amp;status={{NAME:u}}">{{N}}</a></td>{{/CELL}}<td class="num"><a href="/dashboard?year={{YEAR}}">{{TOTAL}}</a></td></tr>
{{/YEAR_ROW}}</tbody>
</table>
</section>
<section aria-labelledby="list-h">
<h2 id="list-h">稿件</h2>
<form class="filters-inline" method="get" action="/dashboard">
<label for="f-status">状态</label>
<select id="f-status" name="status"><option value="">全部</option>{{#STATUS_HEAD}}<option value="{{NAME}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_HEAD}}</select>
<label for="f-year">年份</label>
<select id="f-year" name="year"><option value="">全部</option>{{#YEAR_OPTION}}<option value="{{YEAR}}"{{#SELECTED}} selected{{/SELECTED}}>{{YEAR}}</option>{{/YEAR_OPTION}}</select>
<button type="submit">筛选</button>
</form>
<p class="n">显示 {{SHOWN}} 部，共 {{TOTAL}} 部。</p>
{{#EMPTY}}<p>没有符合条件的稿件。</p>{{/EMPTY}}
<table class="manuscripts">
<thead><tr><th scope="col">编号</th><th scope="col">书名</th><th scope="col">年份</th><th scope="col">单位</th><th scope="col">状态</th><th scope="col" class="num">版本</th><th scope="col" class="num">未解决问题</th><th scope="col" class="num">差错率</th><th scope="col">结论</th><th scope="col">更新</th></tr></thead>
<tbody>
{{#ROW}}<tr data-status="{{STATUS}}"><td>{{ID}}</td><td><a href="/manuscripts/{{ID}}">《{{TITLE}}》</a></td><td>{{YEAR}}</td><td>{{OFFICE}} <span class="n">{{OFFICE_CODE}}</span></td><td class="status status-{{STATUS}}">{{STATUS_LABEL}}</td><td class="num">v{{VERSION}}</td><td class="num">{{FINDINGS}}</td><td class="num">{{RATE}}</td><td>{{VERDICT}}</td><td>{{UPDATED}}</td></tr>
{{/ROW}}</tbody>
</table>
</section>
{{/MANUSCRIPTS}}
