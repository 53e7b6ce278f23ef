{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="位置"><a href="/dashboard">工作台</a> › <a href="/submissions/new">报送数字化成果</a> › 结果</nav>
{{#OK}}<h1>提交包已入库</h1>
<p class="lede">第 {{ID}} 号提交 {{BAG}} 已导入为作品 <a href="/works/{{WORK_ID:u}}">《{{TITLE}}》</a>（{{WORK_ID}}）。</p>
<dl class="provenance">
<dt>报送单位</dt><dd>{{ORG}}（{{REGION}}）</dd>
<dt>提交人</dt><dd>{{SUBMITTER}}</dd>
<dt>接收时间（UTC）</dt><dd>{{RECEIVED}}</dd>
<dt>提交包 SHA-256</dt><dd><code>{{SHA}}</code></dd>
</dl>
<table class="data"><caption>载荷文件 payload</caption>
<thead><tr><th>路径</th><th>类型</th><th class="num">字节</th><th>SHA-256</th></tr></thead>
<tbody>{{#FILE}}<tr><td>{{PATH}}</td><td>{{TYPE}}</td><td class="num">{{BYTES}}</td><td><code>{{SHA}}</code></td></tr>{{/FILE}}</tbody>
</table>{{/OK}}
{{#FAILED}}<h1>提交包未入库</h1>
<p class="form-error" role="alert">{{SUMMARY}}</p>
<ol class="problems">{{#PROBLEM}}<li><code>{{CODE}}</code> {{MESSAGE}}</li>{{/PROBLEM}}</ol>
<p>请改正后重新打包上传。提交包的格式见 docs/submission.md。</p>{{/FAILED}}
<p><a href="/submissions/new">报送另一个提交包</a></p>
