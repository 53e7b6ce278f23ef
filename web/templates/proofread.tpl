{{%AUTOESCAPE context="HTML"}}<link rel="stylesheet" href="/static/scanview.css">
<nav class="crumbs" aria-label="位置"><a href="/works">馆藏</a> › <a href="/works/{{WORK_ID:u}}">《{{WORK_TITLE}}》</a> › <a href="{{READ_HREF}}">{{NODE_PATH}}</a> › 校对</nav>
<h1>校对一行 <small>《{{WORK_TITLE}}》{{NODE_PATH}} 第 {{SEQ}} 块（{{LINE_ID}}）</small></h1>
{{#ERROR}}<p class="form-error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<div class="proofread{{#VERTICAL}} vertical{{/VERTICAL}}">
<figure class="crop"><img src="{{CROP_SRC}}" alt="本行在原书图像中的样子"><figcaption>原书图像（本行）</figcaption></figure>
<div class="proofread-form">
<p>识别结果：<span class="ocr-text" lang="zh-Hant">{{MARKED:none}}</span></p>
<p class="hint"><span class="lc">字</span> 为识别置信度低的字，请对照左侧图像逐字核对。每次修改都会记录校对人、时间与改前改后的文字。</p>
<form method="post" action="{{ACTION}}" class="stacked">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="ed" value="{{ED}}">
<input type="hidden" name="seq" value="{{SEQ}}">
<input type="hidden" name="old" value="{{OLD}}">
<label for="pf-text">校对后的文字</label>
<input id="pf-text" name="text" value="{{VALUE}}" required maxlength="4000" lang="zh-Hant" autocomplete="off" spellcheck="false">
<button type="submit">保存校对</button> <a href="{{READ_HREF}}">返回阅读</a>
</form>
</div>
</div>
{{#HISTORY}}<section class="history"><h2>本行的校对记录</h2>
<table><thead><tr><th>时间（UTC）</th><th>校对人</th><th>改前</th><th>改后</th></tr></thead><tbody>
{{#ROW}}<tr><td>{{AT}}</td><td>{{USER}}</td><td lang="zh-Hant">{{OLD_TEXT}}</td><td lang="zh-Hant">{{NEW_TEXT}}</td></tr>
{{/ROW}}</tbody></table></section>{{/HISTORY}}
