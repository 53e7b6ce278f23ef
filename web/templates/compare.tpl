{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="位置"><a href="/works">馆藏</a> › <a href="/works/{{WORK_ID:u}}">《{{WORK_TITLE}}》</a> › <a href="{{READ_HREF}}">{{NODE_HEADING}}</a> › 版本对照</nav>
<h1>《{{WORK_TITLE}}》{{NODE_HEADING}} 版本对照</h1>
<form class="compare-pick" action="{{FORM_ACTION}}" method="get">
<label for="cmp-a">左</label><select id="cmp-a" name="a">{{#OPT_A}}<option value="{{ID}}"{{#SEL}} selected{{/SEL}}>{{LABEL}}</option>{{/OPT_A}}</select>
<label for="cmp-b">右</label><select id="cmp-b" name="b">{{#OPT_B}}<option value="{{ID}}"{{#SEL}} selected{{/SEL}}>{{LABEL}}</option>{{/OPT_B}}</select>
<button type="submit">对照</button>
</form>
<p class="diff-summary">逐字比对（不计版式分行与夹注分栏）：相同 {{SAME}} 字，仅见于左 {{ONLY_A}} 字，仅见于右 {{ONLY_B}} 字。<span class="legend"><del>左本独有</del> <ins>右本独有</ins></span></p>
<div class="compare">
<section aria-label="{{LABEL_A}}"><h2>{{LABEL_A}}</h2><div class="cmp-text" lang="zh-Hant">{{TEXT_A:none}}</div></section>
<section aria-label="{{LABEL_B}}"><h2>{{LABEL_B}}</h2><div class="cmp-text" lang="zh-Hant">{{TEXT_B:none}}</div></section>
</div>
