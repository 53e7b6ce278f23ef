{{%AUTOESCAPE context="HTML"}}<section class="error" role="alert">
<h1>{{STATUS}} {{HEADING}}</h1>
<p>{{MESSAGE}}</p>
<p><a href="/">返回首页</a> · <a href="/works">浏览馆藏</a> · <a href="/search">全文检索</a></p>
</section>
