{{%AUTOESCAPE context="HTML"}}<section class="hero">
<h1>四川数字方志馆</h1>
<p class="lede">巴蜀方志与史籍的全文数字馆：浏览、检索、阅读、引用、导出。</p>
<form class="big-search" action="/search" method="get" role="search">
  <label for="home-q">全文检索（单字亦可；繁简、异体字通检）</label>
  <div class="row"><input id="home-q" name="q" type="search" placeholder="如 巴郡、華陽、&quot;蜀 守&quot;、巴 NEAR/5 蜀" maxlength="600"><button type="submit">检索</button></div>
  <p class="hint">查询语法：<code>巴蜀</code> 子串 · <code>巴 蜀</code> 同节并见 · <code>巴 | 蜀</code> 或 · <code>巴 -蜀</code> 排除 · <code>work:KR2i0003</code> <code>dynasty:明</code> 筛选</p>
</form>
</section>
<section class="stats" aria-labelledby="stats-h">
<h2 id="stats-h">馆藏概览</h2>
<p class="totals"><strong>{{WORK_COUNT}}</strong> 部作品，底本合计 <strong>{{HAN_TOTAL}}</strong> 字（{{EDITION_COUNT}} 个版本）。</p>
<div class="facet-grid">
<div><h3>按类型</h3><ul class="counts">{{#KIND}}<li><a href="/works?kind={{VALUE:u}}">{{LABEL}}</a> <span class="n">{{COUNT}} 部 · {{HAN}} 字</span></li>{{/KIND}}</ul></div>
<div><h3>按朝代</h3><ul class="counts">{{#DYNASTY}}<li><a href="/works?dynasty={{VALUE:u}}">{{LABEL}}</a> <span class="n">{{COUNT}} 部 · {{HAN}} 字</span></li>{{/DYNASTY}}</ul></div>
<div><h3>按地区</h3><ul class="counts">{{#REGION}}<li><a href="/works?region={{VALUE:u}}">{{LABEL}}</a> <span class="n">{{COUNT}} 部 · {{HAN}} 字</span></li>{{/REGION}}</ul></div>
</div>
</section>
<section aria-labelledby="list-h">
<h2 id="list-h">全部作品</h2>
<ul class="work-list">{{#WORK}}<li><a href="/works/{{ID:u}}">《{{TITLE}}》</a> <span class="meta">{{DYNASTY}} · {{COMPILERS}} · {{KIND}} · {{HAN}} 字</span></li>{{/WORK}}</ul>
</section>
