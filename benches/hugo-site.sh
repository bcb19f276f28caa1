#!/usr/bin/env bash
# Turns a generated sastra archive into an equivalent Hugo site, for the
# side-by-side benchmark: the same documents in the same two languages
# (Hugo reads `<slug>.<lang>.md` translations natively), the same three
# taxonomies, listings paginated the same way, and templates that show the
# same things on each page.
#
#   benches/hugo-site.sh ARCHIVE HUGO_SITE
set -euo pipefail
archive=$1
site=$2
mkdir -p "$site/layouts/_default"
python3 - "$archive" "$site" <<'PY'
import os, re, sys
archive, site = sys.argv[1], sys.argv[2]
for folder, _, files in os.walk(os.path.join(archive, "content")):
    for name in files:
        source = os.path.join(folder, name)
        target = os.path.join(site, os.path.relpath(source, archive))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        text = open(source, encoding="utf-8").read()
        # Hugo needs full dates; `type` selects templates in Hugo, so the
        # document type becomes a taxonomy; so does the organisation.
        text = re.sub(r'^date: "?(\d{4})"?$', r"date: \1-01-01", text, count=1, flags=re.M)
        text = re.sub(r'^date: "?(\d{4}-\d{2})"?$', r"date: \1-01", text, count=1, flags=re.M)
        text = re.sub(r"^type: (.+)$", r"doctypes: [\1]", text, count=1, flags=re.M)
        text = re.sub(r"^organization: (.+)$", r"organizations: [\1]", text, count=1, flags=re.M)
        open(target, "w", encoding="utf-8").write(text)
PY
cat > "$site/hugo.toml" <<'TOML'
baseURL = "https://example.org/archive/"
defaultContentLanguage = "km"
defaultContentLanguageInSubdir = true
disableKinds = []
paginate = 50
[taxonomies]
  tag = "tags"
  organization = "organizations"
  doctype = "doctypes"
[languages.km]
  languageName = "ខ្មែរ"
  title = "បណ្ណសារ"
  weight = 1
[languages.en]
  languageName = "English"
  title = "Archive"
  weight = 2
[markup.goldmark.renderer]
  unsafe = false
TOML
cat > "$site/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header><a href="{{ "" | relLangURL }}">{{ .Site.Title }}</a>
<nav><a href="{{ "tags/" | relLangURL }}">Tags</a> <a href="{{ "organizations/" | relLangURL }}">Organisations</a> <a href="{{ "doctypes/" | relLangURL }}">Types</a></nav>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
HTML
cat > "$site/layouts/_default/single.html" <<'HTML'
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<dl>
<dt>Date</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></dd>
<dt>Type</dt><dd>{{ range .GetTerms "doctypes" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Organisation</dt><dd>{{ range .GetTerms "organizations" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Tags</dt><dd>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd>
</dl>
<p>{{ .Params.summary }}</p>
{{ .TableOfContents }}
{{ .Content }}
</article>
<aside>{{ range first 5 (.Site.RegularPages.Related .) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</aside>
{{ end }}
HTML
cat > "$site/layouts/_default/list.html" <<'HTML'
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ol>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time> {{ .Params.summary }}</li>{{ end }}</ol>
{{ template "_internal/pagination.html" . }}
{{ end }}
HTML
cat > "$site/layouts/_default/terms.html" <<'HTML'
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>
{{ end }}
HTML
