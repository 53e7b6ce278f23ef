{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<p class="weights-line">差错按权重表“{{WEIGHTS_TITLE}}”（{{WEIGHTS_ID}}）计算；差错率 = 差错数 ÷ 抽查字数，以万分比计。</p>
{{#NO_SAMPLE}}<p class="notice">本版本尚未抽样。</p>{{/NO_SAMPLE}}
{{#DRAW_FORM}}<section class="draw" aria-labelledby="draw-h">
<h2 id="draw-h">{{#REDRAW}}重新{{/REDRAW}}抽取样本</h2>
<form method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="sample-chars">抽查字数（汉字；书稿不足此数则全书抽查）</label>
<input id="sample-chars" name="chars" type="number" min="1" max="10000000" value="{{CHARS}}" required>
<label for="sample-seed">随机种子（记入报告，同一种子可复现同一样本）</label>
<input id="sample-seed" name="seed" inputmode="numeric" pattern="[0-9]+" maxlength="20" value="{{SEED}}" required>
<button type="submit">抽取样本</button>
</form>
</section>{{/DRAW_FORM}}
{{#SAMPLE}}<section class="review-summary rate-{{PASS}}" aria-labelledby="rate-h" id="rate">
<h2 id="rate-h">差错率</h2>
<p class="rate-line">抽查 <strong id="sample-chars-total" data-chars="{{CHARS_RAW}}">{{CHARS}}</strong> 字，差错 <strong id="error-total" data-centi="{{ERRORS_CENTI}}">{{ERRORS}}</strong> 个，差错率 <strong id="error-rate">{{RATE}}</strong>/10000，结论：<strong id="verdict" class="verdict">{{VERDICT}}</strong></p>
<p class="action">{{ACTION_TEXT}}</p>
<table class="totals-table"><thead><tr><th scope="col">差错类型</th><th scope="col" class="num">处数</th><th scope="col" class="num">计差错</th></tr></thead><tbody>
{{#TOTAL}}<tr><td>{{LABEL}}</td><td class="num">{{MARKS}}</td><td class="num">{{COUNTED}}</td></tr>{{/TOTAL}}
</tbody></table>
<p class="report-links">质量报告：<a href="{{REPORT_HTML}}" id="report-html">网页</a> · <a href="{{REPORT_HTML}}?download=1">下载 HTML</a> · <a href="{{REPORT_PDF}}" id="report-pdf">下载 PDF</a></p>
</section>
<section aria-labelledby="sample-h">
<h2 id="sample-h">样本</h2>
<p class="sample-line">随机种子 <code id="sample-seed-shown">{{SEED}}</code>，目标 {{TARGET}} 字，全书 {{BOOK_CHARS}} 字，抽得 {{PASSAGES}} 段共 {{SAMPLE_CHARS}} 字{{#WHOLE_BOOK}}（全书不足目标字数，全书抽查）{{/WHOLE_BOOK}}；自动检查在样本中的发现 {{AUTO_COUNT}} 条。</p>
<details class="strata"><summary>各类目的配额</summary>
<table><thead><tr><th scope="col">类目</th><th scope="col" class="num">全书字数</th><th scope="col" class="num">配额</th><th scope="col" class="num">抽得</th><th scope="col" class="num">段数</th></tr></thead><tbody>
{{#STRATUM}}<tr><td>{{TITLE}}</td><td class="num">{{CHARS}}</td><td class="num">{{QUOTA}}</td><td class="num">{{SAMPLED}}</td><td class="num">{{N}}</td></tr>{{/STRATUM}}
</tbody></table></details>
</section>
<section id="marks" aria-labelledby="marks-h">
<h2 id="marks-h">差错标注（{{MARK_COUNT}} 处）</h2>
{{#NO_MARKS}}<p class="none">尚未标注差错。</p>{{/NO_MARKS}}
<table class="marks-table"><thead><tr><th scope="col">#</th><th scope="col">类型</th><th scope="col">位置</th><th scope="col">原文</th><th scope="col">改正</th><th scope="col" class="num">权重</th><th scope="col" class="num">计</th><th scope="col">备注</th><th scope="col"><span class="vh">操作</span></th></tr></thead><tbody>
{{#MARK}}<tr><td>{{I}}</td><td>{{TYPE}}{{#FROM_RULE}} <small>（自动 {{RULE}}）</small>{{/FROM_RULE}}</td><td>{{WHERE}}</td><td class="excerpt">{{EXCERPT}}</td><td>{{CORRECTION}}</td><td class="num">{{WEIGHT}}</td><td class="num">{{COUNTED}}</td><td>{{NOTE}}</td><td>{{#DELETE}}<form method="post" action="{{ACTION}}"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="index" value="{{INDEX}}"><button type="submit" aria-label="删除第 {{I}} 处标注">删除</button></form>{{/DELETE}}</td></tr>
{{/MARK}}</tbody></table>
{{#MARK_FORM}}<form class="mark-form" id="mark-form" method="post" action="{{ACTION}}">
<h3>标注一处差错</h3>
<p class="hint">在下面的段落中选中出错的文字可自动填入；也可直接选择段落、照录原文。</p>
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="mark-passage">段落</label>
<select id="mark-passage" name="passage" required>{{#P_OPT}}<option value="{{KEY}}">{{LABEL}}</option>{{/P_OPT}}</select>
<label for="mark-excerpt">原文（照录出错的文字）</label>
<input id="mark-excerpt" name="excerpt" required maxlength="200">
<label for="mark-type">差错类型（权重）</label>
<select id="mark-type" name="type" required>{{#T_OPT}}<option value="{{ID}}" data-weight="{{WEIGHT_CENTI}}">{{LABEL}}</option>{{/T_OPT}}</select>
<label for="mark-correction">改正为（可选）</label>
<input id="mark-correction" name="correction" maxlength="200">
<label for="mark-page">页码（面，可选）</label>
<input id="mark-page" name="page" inputmode="numeric" pattern="[0-9]*" maxlength="6">
<label for="mark-note">备注（可选）</label>
<input id="mark-note" name="note" maxlength="1000">
<p class="preview" id="mark-preview" aria-live="polite"></p>
<button type="submit">计入差错</button>
</form>{{/MARK_FORM}}
</section>
<section aria-labelledby="passages-h">
<h2 id="passages-h">样本段落</h2>
{{#PASSAGE}}<article class="passage" id="passage-{{I}}" data-key="{{KEY}}">
<h3><span class="pn">{{I}}</span> {{#IN_CHAPTER}}{{CHAPTER}} › {{/IN_CHAPTER}}{{NODE_TITLE}} <small>第{{PARA}}段 · {{CHARS}} 字</small></h3>
<div class="passage-text">{{TEXT_HTML:none}}</div>
{{#AUTO}}<ul class="auto-findings" aria-label="自动检查的发现">{{#F}}<li class="sev-{{SEV}}"><code>{{RULE}}</code> {{LABEL}}：<q>{{EXCERPT}}</q> {{MESSAGE}}{{#NOT_ERROR}} <small>（体例问题，不计差错）</small>{{/NOT_ERROR}}{{#ACCEPTED}} <span class="accepted">已计入差错</span>{{/ACCEPTED}}{{#ACCEPT}}<form class="accept" method="post" action="{{ACTION}}"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="rule" value="{{RULE}}"><input type="hidden" name="path" value="{{PATH}}"><input type="hidden" name="para" value="{{PARA}}"><input type="hidden" name="start" value="{{START}}"><input type="hidden" name="end" value="{{END}}"><button type="submit">计入差错（{{TYPE}}）</button></form>{{/ACCEPT}}</li>{{/F}}</ul>{{/AUTO}}
</article>
{{/PASSAGE}}</section>
{{/SAMPLE}}
{{>DECISION}}
