{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="位置"><a href="/dashboard">工作台</a> › 审计日志</nav>
<h1>审计日志</h1>
<p class="lede">最近 500 条，最新在前。日志只能追加：数据库触发器拒绝任何修改或删除。</p>
<table class="audit">
<thead><tr><th scope="col">序号</th><th scope="col">时间（北京）</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">地址</th><th scope="col">稿件</th><th scope="col">详情</th></tr></thead>
<tbody>
{{#AUDIT_ROW}}<tr><td>{{ID}}</td><td>{{AT}}</td><td>{{ACTOR}}</td><td><code>{{ACTION}}</code></td><td>{{ADDRESS}}</td><td>{{#MANUSCRIPT}}<a href="/manuscripts/{{MID}}">{{MID}}</a> v{{VERSION}}{{/MANUSCRIPT}}</td><td>{{DETAIL}}</td></tr>
{{/AUDIT_ROW}}</tbody>
</table>
