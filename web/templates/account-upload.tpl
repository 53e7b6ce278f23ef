{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="位置"><a href="/dashboard">工作台</a> › 上传稿件</nav>
<h1>上传新稿件</h1>
<p class="lede">{{USER_OFFICE}}：上传本单位的志书或年鉴稿件（Word .docx 或 Markdown .md，最大 {{MAX_MB}} MB）。上传后状态为“已提交”，等待省级篇目审查。已有的稿件请在其页面上传新版本。</p>
{{#ERROR}}<p class="form-error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<form class="stacked" method="post" action="/manuscripts" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="up-title">书名（不含书名号）</label>
<input id="up-title" name="title" value="{{F_TITLE}}" required maxlength="300" placeholder="示例县年鉴（2025）">
<label for="up-year">年份</label>
<input id="up-year" name="year" value="{{F_YEAR}}" required inputmode="numeric" pattern="[0-9]{4}" maxlength="4">
<label for="up-kind">类型</label>
<select id="up-kind" name="kind"><option value="年鉴">年鉴</option><option value="志书"{{#KIND_GAZETTEER}} selected{{/KIND_GAZETTEER}}>志书</option></select>
<label for="up-file">稿件文件</label>
<input id="up-file" name="file" type="file" accept=".docx,.md" required>
<button type="submit">上传</button>
</form>
