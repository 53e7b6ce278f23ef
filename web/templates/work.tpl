{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="位置"><a href="/works">馆藏</a> › 《{{WORK_TITLE}}》</nav>
<h1>《{{WORK_TITLE}}》</h1>
<div class="work-page">
<section class="meta" aria-labelledby="meta-h">
<h2 id="meta-h">著录</h2>
<dl>
<dt>编号</dt><dd>{{WORK_ID}}</dd>
<dt>类型</dt><dd><a href="/works?kind={{KIND:u}}">{{KIND}}</a></dd>
{{#HAS_COMPILERS}}<dt>编撰</dt><dd>{{COMPILERS}}</dd>{{/HAS_COMPILERS}}
{{#HAS_DYNASTY}}<dt>朝代</dt><dd><a href="/works?dynasty={{DYNASTY:u}}">{{DYNASTY}}</a></dd>{{/HAS_DYNASTY}}
{{#HAS_REGION}}<dt>地区</dt><dd><a href="/works?region={{REGION_CODE:u}}">{{REGION_NAME}}</a>（{{REGION_CODE}}）</dd>{{/HAS_REGION}}
{{#HAS_PLACE}}<dt>地名</dt><dd>{{PLACE}}</dd>{{/HAS_PLACE}}
{{#HAS_PERIOD}}<dt>断限</dt><dd>{{PERIOD}}</dd>{{/HAS_PERIOD}}
{{#HAS_YEAR}}<dt>成书/出版</dt><dd>{{YEAR}}</dd>{{/HAS_YEAR}}
<dt>字数</dt><dd>{{HAN}} 字（底本）</dd>
{{#HAS_SOURCE}}<dt>来源</dt><dd>{{SOURCE}}</dd>{{/HAS_SOURCE}}
<dt>许可</dt><dd>{{LICENCE}}</dd>
<dt>入库</dt><dd>{{IMPORTED_AT}}</dd>
</dl>
<div class="licence" id="licence">
<h3>许可与出处</h3>
{{#KANRIPO}}<p>本书文本来自 Kanripo 漢籍リポジトリ（{{KANRIPO_ID}}），依 <a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/deed.zh-hans">知识共享 署名-相同方式共享 4.0 国际（CC BY-SA 4.0）</a> 许可使用。转载、改编请注明出处，并以相同许可共享。</p>{{/KANRIPO}}
{{#OTHER_LICENCE}}<p>许可：{{LICENCE}}。来源：{{SOURCE}}。</p>{{/OTHER_LICENCE}}
</div>
<h3>导出</h3>
<ul class="exports">
<li><a href="/api/v1/works/{{WORK_ID:u}}/export?format=txt&amp;edition={{EDITION:u}}" download>纯文本 TXT</a></li>
<li><a href="/api/v1/works/{{WORK_ID:u}}/export?format=tei&amp;edition={{EDITION:u}}" download>TEI P5 XML</a></li>
<li><a href="/api/v1/works/{{WORK_ID:u}}/export?format=json" download>方志平台 JSON（全部版本）</a></li>
</ul>
</section>
<section class="toc" aria-labelledby="toc-h">
<h2 id="toc-h">版本与目录</h2>
<ul class="editions" aria-label="版本">
{{#ED}}<li><a href="{{HREF}}"{{#CURRENT}} aria-current="page" class="current"{{/CURRENT}}>{{LABEL}}</a> <span class="n">{{ID}}{{#BASE}} · 底本{{/BASE}} · {{HAN}} 字</span></li>
{{/ED}}</ul>
<h3>{{EDITION_LABEL}} 目录</h3>
<ol class="toc-list">
{{#NODE}}<li class="d{{DEPTH}}"><a href="{{HREF}}">{{LEVEL}} {{KEY}}{{#HAS_NAME}} {{NAME}}{{/HAS_NAME}}</a> <span class="n">{{HAN}} 字</span></li>
{{/NODE}}</ol>
</section>
</div>
<details class="cite" id="cite"><summary>引用本书</summary>
{{>CITE}}
</details>
