{{%AUTOESCAPE context="HTML"}}<h3>文本格式</h3>
<p class="cite-plain">{{CITE_PLAIN}}</p>
<h3>BibTeX</h3>
<pre class="cite-bib">{{CITE_BIBTEX}}</pre>
<h3>CSL-JSON</h3>
<pre class="cite-csl">{{CITE_CSL}}</pre>
