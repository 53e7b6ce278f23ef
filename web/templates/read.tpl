{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="位置"><a href="/works">馆藏</a> › <a href="/works/{{WORK_ID:u}}">《{{WORK_TITLE}}》</a> › {{NODE_HEADING}}</nav>
<div class="reader-head">
<h1>《{{WORK_TITLE}}》{{NODE_HEADING}}</h1>
<nav class="editions-switch" aria-label="版本切换"><span>版本：</span>
{{#ED}}<a href="{{HREF}}"{{#CURRENT}} aria-current="page" class="current"{{/CURRENT}} hreflang="zh">{{LABEL}}</a>
{{/ED}}</nav>
<nav class="tools" aria-label="阅读工具">
{{#COMPARE}}<a href="{{HREF}}">对照 {{LABEL}}</a>
{{/COMPARE}}<a href="{{LAYOUT_HREF}}">{{LAYOUT_LABEL}}</a>
<a href="#cite">引用</a>
</nav>
{{#HIGHLIGHT}}<p class="hl-note" role="status">已标出检索词 “{{HL}}”（第 {{HP}} 段）。<a href="#p{{HP}}">跳到该段</a> · <a href="{{CLEAR_HREF}}">取消标记</a></p>{{/HIGHLIGHT}}
</div>
<nav class="prevnext" aria-label="前后卷">{{#PREV}}<a rel="prev" href="{{HREF}}">← {{LABEL}}</a>{{/PREV}} {{#NEXT}}<a rel="next" href="{{HREF}}">{{LABEL}} →</a>{{/NEXT}}</nav>
{{#SCAN}}<link rel="stylesheet" href="/static/scanview.css">
<p class="scan-note">本节有 {{SCAN_COUNT}} 页原书图像：点击文字中的一行，图像上标出该行；点击图像上的框，文字中标出该行。<span class="lc">字</span> 为识别置信度低的字。<a href="{{MANIFEST_HREF}}">IIIF 清单</a></p>
<div class="with-scan">
<section class="scan-pane" aria-label="原书页面图像"><div id="scan-viewer" class="scan-viewer"></div><p class="scan-status" id="scan-status" role="status"></p><script type="application/json" id="scan-data">{{SCAN_JSON:none}}</script></section>
{{/SCAN}}<article class="reader{{#PRINT_LINES}} lines{{/PRINT_LINES}}" lang="zh-Hant" aria-label="正文">
{{TEXT:none}}
</article>
{{#SCAN}}</div>{{/SCAN}}
{{#CHILDREN_SECTION}}<section class="children"><h2>下级节点</h2><ul>{{#CHILD}}<li><a href="{{HREF}}">{{LEVEL}} {{NAME}}</a></li>{{/CHILD}}</ul></section>{{/CHILDREN_SECTION}}
<nav class="prevnext" aria-label="前后卷">{{#PREV}}<a rel="prev" href="{{HREF}}">← {{LABEL}}</a>{{/PREV}} {{#NEXT}}<a rel="next" href="{{HREF}}">{{LABEL}} →</a>{{/NEXT}}</nav>
<form class="within" action="/search" method="get" role="search">
<label for="within-q">在本书中检索</label>
<input id="within-q" name="q" type="search" maxlength="1000">
<input type="hidden" name="within" value="{{WORK_ID}}">
<button type="submit">检索</button>
</form>
<details class="cite" id="cite"><summary>引用本节</summary>
<p>永久链接：<a href="{{PERMALINK}}">{{PERMALINK}}</a>；单段链接在各段前的段号上。</p>
{{>CITE}}
</details>
<p class="licence-line">{{LICENCE_LINE}}</p>
