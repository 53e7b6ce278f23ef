// The bundled Ba-Shu corpus, imported whole, must come back character for
// character: for every work and edition, the Han characters (and Kanripo
// entities) of the source files outside headers and markup equal, in order,
// those of the stored text and of the txt export. The reference sequence is
// computed here with nothing but string scanning, independently of the
// importer.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "formats/kanripo_importer.h"
#include "formats/txt_exporter.h"
#include "store/library.h"
#include "test_util.h"
#include "text/han.h"
#include "text/utf8.h"

namespace fangzhi {
namespace {

namespace fs = std::filesystem;

struct Tally {
  std::string seq;  // Han characters and entities, in order
  size_t han = 0, non_bmp = 0, entities = 0;
};

void Collect(std::string_view s, Tally* t) {
  for (size_t i = 0; i < s.size();) {
    if (const size_t len = text::KanripoEntityLength(s, i); len > 0) {
      t->seq.append(s.substr(i, len));
      ++t->entities;
      i += len;
      continue;
    }
    const size_t start = i;
    const char32_t cp = text::NextCodePoint(s, i);
    if (text::IsHan(cp)) {
      t->seq.append(s.substr(start, i - start));
      ++t->han;
      t->non_bmp += cp > 0xFFFF;
    }
  }
}

// The source side: drop lines starting with '#' and <pb:…>/<md:…> tags.
Tally SourceTally(const fs::path& edition_dir, size_t* files, size_t* pages) {
  std::vector<fs::path> juan;
  for (const auto& e : fs::directory_iterator(edition_dir)) {
    if (e.path().filename() != "Readme.org") juan.push_back(e.path());
  }
  std::sort(juan.begin(), juan.end());
  Tally t;
  *files = juan.size();
  *pages = 0;
  for (const fs::path& f : juan) {
    const std::string content = testing::ReadFile(f);
    size_t pos = 0;
    while (pos < content.size()) {
      size_t nl = content.find('\n', pos);
      if (nl == std::string::npos) nl = content.size();
      std::string line = content.substr(pos, nl - pos);
      pos = nl + 1;
      if (!line.empty() && line[0] == '#') continue;
      for (size_t p = line.find('<'); p != std::string::npos; p = line.find('<', p)) {
        if (line.compare(p, 4, "<pb:") == 0 || line.compare(p, 4, "<md:") == 0) {
          line.erase(p, line.find('>', p) - p + 1);
          ++*pages;
        } else {
          ++p;
        }
      }
      Collect(line, &t);
    }
  }
  return t;
}

Tally StoredTally(const model::Edition& e, size_t* pages, size_t* notes) {
  Tally t;
  *pages = *notes = 0;
  model::ForEachNode(e.nodes, [&](const model::Node& n, const std::string&, int) {
    Collect(n.title, &t);
    for (const model::Block& b : n.blocks) {
      if (b.kind == model::BlockKind::kPage) ++*pages;
      if (b.kind == model::BlockKind::kNote && !b.attrs.count("continued")) ++*notes;
      if (b.kind != model::BlockKind::kRemark) Collect(b.text, &t);
    }
  });
  return t;
}

class BashuCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    std::unique_ptr<store::Library> lib;
    ASSERT_TRUE(store::Library::Open(dir_->path() / "data", &lib).ok());
    std::vector<model::Document> docs;
    for (const auto& e : fs::directory_iterator(testing::BashuDir())) {
      model::Document d;
      Status s = formats::ImportKanripoFolder(e.path(), &d);
      ASSERT_TRUE(s.ok()) << s.ToString();
      docs.push_back(std::move(d));
    }
    std::vector<const model::Document*> ptrs;
    for (const auto& d : docs) ptrs.push_back(&d);
    Status s = lib->Import(ptrs, false);
    ASSERT_TRUE(s.ok()) << s.ToString();
    lib_ = lib.release();
  }
  static void TearDownTestSuite() {
    delete lib_;
    delete dir_;
  }
  static testing::TempDir* dir_;
  static store::Library* lib_;
};

testing::TempDir* BashuCorpus::dir_ = nullptr;
store::Library* BashuCorpus::lib_ = nullptr;

TEST_F(BashuCorpus, AllTenWorksWithAllEditions) {
  std::vector<store::WorkSummary> works;
  ASSERT_TRUE(lib_->ListWorks(&works).ok());
  ASSERT_EQ(works.size(), 10u);
  for (const auto& w : works) {
    size_t dirs = 0;
    for (const auto& e : fs::directory_iterator(testing::BashuDir() / w.work.id)) {
      dirs += e.is_directory() && e.path().filename() != "imglist";
    }
    EXPECT_EQ(w.editions.size(), dirs) << w.work.id;
    EXPECT_EQ(w.work.licence, "CC BY-SA 4.0");
    EXPECT_FALSE(w.work.title.empty());
    EXPECT_FALSE(w.work.dynasty.empty()) << w.work.id;
  }
}

TEST_F(BashuCorpus, HanTextStoredAndExportedExactlyForEveryEdition) {
  size_t total_entities = 0, total_non_bmp = 0, checked = 0;
  std::vector<store::WorkSummary> works;
  ASSERT_TRUE(lib_->ListWorks(&works).ok());
  for (const auto& w : works) {
    model::Document doc;
    ASSERT_TRUE(lib_->LoadDocument(w.work.id, "", &doc).ok());
    for (const model::Edition& e : doc.editions) {
      SCOPED_TRACE(w.work.id + "/" + e.id);
      size_t files = 0, src_pages = 0, stored_pages = 0, notes = 0;
      const Tally src = SourceTally(testing::BashuDir() / w.work.id / e.id, &files, &src_pages);
      const Tally stored = StoredTally(e, &stored_pages, &notes);
      EXPECT_EQ(stored.han, src.han);
      EXPECT_EQ(stored.entities, src.entities);
      EXPECT_EQ(stored.non_bmp, src.non_bmp);
      EXPECT_TRUE(stored.seq == src.seq) << "stored text differs from the source";
      Tally exported;
      Collect(formats::ExportTxt(e), &exported);
      EXPECT_TRUE(exported.seq == src.seq) << "txt export differs from the source";
      // One juan node per file, one page anchor per <pb:>/<md:> marker.
      EXPECT_EQ(e.nodes.size(), files);
      EXPECT_EQ(stored_pages, src_pages);
      total_entities += src.entities;
      total_non_bmp += src.non_bmp;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 21u);  // 華陽國志 has 3 editions, the other nine 2
  EXPECT_GT(total_entities, 2000u);
  EXPECT_GT(total_non_bmp, 1000u);
}

TEST_F(BashuCorpus, NotesAreNotesAndPagesCarryImages) {
  model::Node juan;
  ASSERT_TRUE(lib_->LoadNode("KR2k0052", "master", "002", &juan).ok());
  bool found = false;
  for (const auto& b : juan.blocks) {
    if (b.kind == model::BlockKind::kNote && b.text == "爾雅蜀者獨也言不/與他處相連屬也") found = true;
    EXPECT_EQ(b.text.find('('), std::string::npos) << "a parenthesis leaked into " << b.text;
  }
  EXPECT_TRUE(found);
  model::Node wyg;
  ASSERT_TRUE(lib_->LoadNode("KR2i0003", "WYG", "001", &wyg).ok());
  size_t with_image = 0;
  for (const auto& b : wyg.blocks) {
    if (b.kind == model::BlockKind::kPage && b.attrs.count("image")) ++with_image;
  }
  EXPECT_GT(with_image, 10u);
  // Every note-opening parenthesis of the source became one note.
  size_t src_notes = 0;
  const std::string src = testing::ReadFile(testing::BashuDir() / "KR2k0052/master/KR2k0052_002.txt");
  src_notes = static_cast<size_t>(std::count(src.begin(), src.end(), '('));
  size_t notes = 0;
  for (const auto& b : juan.blocks) notes += b.kind == model::BlockKind::kNote && !b.attrs.count("continued");
  EXPECT_EQ(notes, src_notes);
}

TEST_F(BashuCorpus, JuanLabelsComeFromTheReadme) {
  std::vector<store::NodeSummary> nodes;
  ASSERT_TRUE(lib_->ListNodes("KR2k0126", "", &nodes).ok());
  ASSERT_GT(nodes.size(), 100u);
  EXPECT_EQ(nodes[1].label, "蜀中廣記 卷一");
  EXPECT_EQ(nodes[1].level, "卷");
}

}  // namespace
}  // namespace fangzhi
