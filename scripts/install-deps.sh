#!/usr/bin/env bash
# Installs the Debian 12 packages Fangzhi needs to build, test and run.
# Idempotent: installs only what is missing, and runs apt-get update only then.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config
  # libraries (see README: why each)
  libsqlite3-dev        # the embedded store
  libicu-dev            # Unicode: UTF-8 decoding, character properties
  nlohmann-json3-dev    # JSON export, CLI --json
  libyaml-cpp-dev       # manuscript front matter
  libcmark-gfm-dev libcmark-gfm-extensions-dev  # manuscript Markdown (tables, footnotes)
  libstreamvbyte-dev    # compressed posting lists of the search index
  # tools/build_fold_table, which remakes data/fold-table.tsv (the tests run it; the runtime needs none of these)
  libopencc-dev         # OpenCC t2s, one character at a time
  unicode-data          # Unihan_Variants.txt, Unihan_OtherMappings.txt (kTGH), UnicodeData.txt
  libbz2-dev            # reading the .bz2 Unihan files
  # the web library (fangzhi serve)
  libcpp-httplib-dev    # HTTP server (tuned: TCP_NODELAY, keep-alive, thread pool)
  libctemplate-dev      # page templates with context-aware auto-escaping
  libxlsxwriter-dev     # XLSX export of search results
  libvips-dev           # IIIF Image API: cuts, scales, turns and encodes page images (tiles) fast and in bounded memory
  libsodium-dev         # accounts: Argon2id password hashes, random session ids, constant-time compares
  libdtl-dev            # character diff of two editions
  nodejs                # npm: the GB/T 2260 code tables the build compiles in, ECharts, the browser tests; the npm client ships with it on this machine kind
  # manuscript checks (fangzhi check)
  libhyperscan-dev      # every lexical rule in one database, one pass over the text
  libzip-dev            # reading and writing .docx packages, with size checks against zip bombs
  libpugixml-dev        # the XML inside .docx
  libtomlplusplus-dev   # office.toml (office settings for the checks)
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-docx          # tests: a real reader counts the Word comments of check --format docx
  libreoffice-writer-nogui  # tests: LibreOffice renders the commented .docx to PDF (smallest package that opens .docx)
  libxml2-utils         # xmllint: OAI-PMH answers against the schema, TEI well-formedness
  unzip                 # reading the XLSX export back in tests
  chromium              # browser tests through playwright-core (web/e2e)
  wrk                   # HTTP benchmark (bench/http_bench.sh)
  zstd                  # unpacking the benchmark corpus
  # OCR to ALTO (fangzhi ocr, issue 7)
  libtesseract-dev libleptonica-dev  # Tesseract's C++ API for OCR; leptonica reads the page images
  tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-chi-tra-vert  # traineddata: simplified, traditional, vertical traditional
  imagemagick fonts-noto-cjk python3  # tests/bench: tools/render_test_pages.py renders corpus text to page images
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "安装缺少的软件包 installing: ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
