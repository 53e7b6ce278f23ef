{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="位置"><a href="/dashboard">工作台</a> › 《{{TITLE}}》</nav>
<h1>《{{TITLE}}》</h1>
{{#DONE}}<p class="notice" role="status">已保存。</p>{{/DONE}}
<dl class="manuscript-meta">
<dt>编号</dt><dd>{{ID}}</dd>
<dt>单位</dt><dd>{{OFFICE}}（{{OFFICE_CODE}}）</dd>
<dt>年份</dt><dd>{{YEAR}}</dd>
<dt>类型</dt><dd>{{KIND}}</dd>
<dt>状态</dt><dd class="status status-{{STATUS}}" id="manuscript-status">{{STATUS_LABEL}}</dd>
<dt>最新版本</dt><dd>v{{VERSION}}</dd>
<dt>未解决问题</dt><dd>{{FINDINGS}}</dd>
<dt>差错率</dt><dd>{{RATE}} {{VERDICT}}</dd>
</dl>
{{#STEP}}<form class="step" method="post" action="/manuscripts/{{ID}}/status">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="from" value="{{FROM}}"><input type="hidden" name="to" value="{{TO}}">
{{#IS_RETURN}}<label for="note-{{TO}}">退回意见</label> <input id="note-{{TO}}" name="note" maxlength="2000">{{/IS_RETURN}}
<button type="submit" name="step" value="{{TO}}">改为“{{TO_LABEL}}”</button>
</form>
{{/STEP}}
{{#UPLOAD}}<section aria-labelledby="upload-h">
<h2 id="upload-h">上传新版本</h2>
<form class="stacked" method="post" action="/manuscripts/{{ID}}/versions" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="v-file">稿件文件（.docx 或 .md，最大 {{MAX_MB}} MB）</label>
<input id="v-file" name="file" type="file" accept=".docx,.md" required>
<button type="submit">上传新版本</button>
</form>
</section>{{/UPLOAD}}
<section aria-labelledby="versions-h">
<h2 id="versions-h">版本</h2>
<table class="versions">
<thead><tr><th scope="col">版本</th><th scope="col">文件</th><th scope="col" class="num">字节</th><th scope="col" class="num">篇目数</th><th scope="col">SHA-256</th><th scope="col">上传人</th><th scope="col">时间（北京）</th><th scope="col">审查</th></tr></thead>
<tbody>
{{#VERSION_ROW}}<tr><td>v{{N}}</td><td><a href="/manuscripts/{{ID}}/versions/{{N}}/file">{{FILE}}</a></td><td class="num">{{BYTES}}</td><td class="num">{{NODES}}</td><td><code title="{{SHA}}">{{SHA_SHORT}}</code></td><td>{{BY}}</td><td>{{AT}}</td><td><a href="/manuscripts/{{ID}}/versions/{{N}}/outline">篇目审查</a>{{#HAS_PREVIOUS}} · <a href="/manuscripts/{{ID}}/versions/{{N}}/recheck">复核</a>{{/HAS_PREVIOUS}} · <a href="/manuscripts/{{ID}}/versions/{{N}}/spot-check">质量抽查</a></td></tr>
{{/VERSION_ROW}}</tbody>
</table>
</section>
<section aria-labelledby="history-h">
<h2 id="history-h">状态记录</h2>
<table class="history">
<thead><tr><th scope="col">时间（北京）</th><th scope="col">由</th><th scope="col">改为</th><th scope="col">操作人</th><th scope="col">版本</th><th scope="col">说明</th></tr></thead>
<tbody>
{{#HISTORY_ROW}}<tr><td>{{AT}}</td><td>{{FROM}}</td><td>{{TO}}</td><td>{{BY}}</td><td>v{{VERSION}}</td><td>{{NOTE}}</td></tr>
{{/HISTORY_ROW}}</tbody>
</table>
</section>
<section aria-labelledby="audit-h">
<h2 id="audit-h">审计日志</h2>
<table class="audit">
<thead><tr><th scope="col">时间（北京）</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">地址</th><th scope="col">版本</th><th scope="col">详情</th></tr></thead>
<tbody>
{{#AUDIT_ROW}}<tr><td>{{AT}}</td><td>{{ACTOR}}</td><td><code>{{ACTION}}</code></td><td>{{ADDRESS}}</td><td>v{{VERSION}}</td><td>{{DETAIL}}</td></tr>
{{/AUDIT_ROW}}</tbody>
</table>
</section>
