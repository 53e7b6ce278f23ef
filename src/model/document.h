// What every importer produces and every reader consumes: a work with its
// editions. Importers build one; the store keeps it; exporters write it out.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "model/edition.h"
#include "model/work.h"

namespace fangzhi::model {

// A file an import read, kept as provenance (not its bytes: those became
// the blocks).
struct SourceFile {
  std::string edition;  // the edition it fed, or "" for work-level files
  std::string path;     // relative to the imported folder, or the file name
  size_t bytes = 0;

  bool operator==(const SourceFile&) const = default;
};

struct Document {
  Work work;
  std::vector<Edition> editions;
  std::vector<SourceFile> sources;

  const Edition* FindEdition(const std::string& id) const;
  // The base edition, or the first if none is marked.
  const Edition* BaseEdition() const;

  bool operator==(const Document&) const = default;
};

// Visits every node of a tree in document order with its path.
void ForEachNode(const std::vector<Node>& roots,
                 const std::function<void(const Node&, const std::string& path, int depth)>& fn);

// Han characters in an edition's blocks (text, notes, tables, footnotes).
size_t CountHan(const Edition& edition);

}  // namespace fangzhi::model
