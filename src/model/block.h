// The smallest unit of a node's content. A node's blocks, in order, are the
// node's text in reading order; nothing of the source's text lives elsewhere.
#pragma once

#include <map>
#include <string>

namespace fangzhi::model {

enum class BlockKind {
  kText,      // running text of a paragraph (line ends of the print kept as '\n')
  kNote,      // 夹注: interlinear small-character note, in place in the paragraph
  kPage,      // page anchor (<pb:…>): no text; attrs name the page and its image
  kTable,     // a table: rows joined by '\n', cells by '\t'
  kFigure,    // an image or figure caption
  kFootnote,  // a footnote's text; attrs["label"] names it
  kRemark,    // an editor's remark in the source file (Kanripo `# page missing`,
              // `#+PROPERTY: JUAN 序`): kept, but not part of the work's text
};

const char* BlockKindName(BlockKind k);               // "text", "note", …
bool ParseBlockKind(const std::string& name, BlockKind* out);

struct Block {
  BlockKind kind = BlockKind::kText;
  // 1-based paragraph this block belongs to within its node; consecutive
  // text and note blocks of one paragraph share it (a paragraph is the unit
  // of a permalink, `path#pN`).
  int para = 0;
  // Exactly the source's characters. For Kanripo text, `¶` line ends are '\n'
  // and a note keeps its '/' column break; markup that became structure
  // (page tags, note parentheses) is not repeated here.
  std::string text;
  // Kind-specific facts: page "ref"/"edition"/"juan"/"page"/"image",
  // note "columns", footnote "label", table "align", text "heading" …
  std::map<std::string, std::string> attrs;

  bool operator==(const Block&) const = default;
};

}  // namespace fangzhi::model
