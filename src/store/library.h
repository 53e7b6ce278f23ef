// The library: every work Fangzhi holds, in one data dir. The one door to
// the embedded store; search, checks and the server read through it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/document.h"

namespace fangzhi::store {

struct EditionSummary {
  std::string id;
  std::string label;
  bool base = false;
  size_t han_count = 0;
};

struct WorkSummary {
  model::Work work;
  std::vector<EditionSummary> editions;
  size_t han_count = 0;  // of the base edition
  std::string imported_at;
};

// One row of a node tree, without the node's content.
struct NodeSummary {
  std::string path;
  std::string key;
  std::string level;
  std::string title;
  std::string label;
  int depth = 0;
  size_t han_count = 0;
};

// A node as stored, with its row id and where it sits; `node` carries the
// blocks but not the children.
struct StoredNode {
  int64_t id = 0;
  std::string work_id;
  std::string edition;
  bool base = false;  // of the work's base edition
  std::string path;
  model::Node node;
  uint32_t first_seq = 0;  // seq of node.blocks[0] (LoadBlocks loads a range)
};

// One entry of the change log: what derived indexes must catch up on.
struct Change {
  int64_t seq = 0;
  std::string work_id;
  std::string op;  // "import" or "remove"
};

class Database;

class Library {
 public:
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  // Opens (creating if needed) the library in `data_dir`.
  static Status Open(const std::filesystem::path& data_dir, std::unique_ptr<Library>* out);

  // Called now and then during an import with blocks written / total.
  using Progress = std::function<void(size_t done, size_t total)>;

  // An import in progress: works are added one by one inside a single
  // transaction, so a caller can parse the next source while this one is
  // written. Nothing is visible until Commit(); destroying an uncommitted
  // batch rolls everything back.
  class ImportBatch {
   public:
    virtual ~ImportBatch() = default;
    virtual Status Add(const model::Document& doc) = 0;
    virtual Status Commit() = 0;
  };
  // Only one batch at a time per Library. `progress` reports blocks
  // written so far within the current work.
  Status BeginImport(bool replace, const Progress& progress, std::unique_ptr<ImportBatch>* out);

  // Stores works in one transaction: all of them or nothing. An id already
  // in the library is refused unless `replace`; so is an id given twice.
  Status Import(const std::vector<const model::Document*>& docs, bool replace,
                const Progress& progress = {});
  Status Import(const model::Document& doc, bool replace, const Progress& progress = {}) {
    return Import(std::vector<const model::Document*>{&doc}, replace, progress);
  }
  // Import of one work where `also` runs on the library's connection inside
  // the same transaction, just before it commits: rows of another component
  // that must stand or fall with the work (a submission's provenance).
  Status ImportWith(const model::Document& doc, bool replace, const std::function<Status(Database*)>& also);
  Status Remove(const std::string& work_id);

  Status ListWorks(std::vector<WorkSummary>* out);
  Status GetWork(const std::string& work_id, WorkSummary* out);
  // `edition` empty: all editions.
  Status LoadDocument(const std::string& work_id, const std::string& edition, model::Document* out);
  Status ListNodes(const std::string& work_id, const std::string& edition, std::vector<NodeSummary>* out);
  // One node with its blocks; its children come without blocks.
  Status LoadNode(const std::string& work_id, const std::string& edition, const std::string& path,
                  model::Node* out);

  // Every node of a work, editions in order and nodes in document order.
  Status ScanNodes(const std::string& work_id, const std::function<Status(const StoredNode&)>& fn);
  Status LoadNodeById(int64_t node_id, StoredNode* out);
  // The node's row and only its blocks with seq in [first_seq, last_seq]:
  // what a KWIC line needs of a long juan.
  // Without `attrs`, blocks come with empty attrs (a KWIC line needs only
  // the text, and parsing every page anchor's attributes cost more than
  // reading it).
  Status LoadBlocks(int64_t node_id, uint32_t first_seq, uint32_t last_seq, StoredNode* out, bool attrs = true);
  // Only the blocks, without the node's row (appended to `out`).
  Status LoadBlockRange(int64_t node_id, uint32_t first_seq, uint32_t last_seq, std::vector<model::Block>* out,
                        bool attrs = true);

  // Changes after `after_seq`, oldest first.
  Status ListChanges(int64_t after_seq, std::vector<Change>* out);

  // A proofreader's correction of one text block (an OCR line), in one
  // transaction: the block must still hold `expected_old` (AlreadyExists
  // when someone changed it meanwhile); its text becomes `new_text`, the
  // `set_attrs` are merged into its attrs, the Han counts of node, edition
  // and work follow, and an 'import' change of the work is logged so that
  // the search index re-indexes it. `also` runs inside the same transaction
  // on the same connection (the caller's record of the correction).
  struct BlockEdit {
    std::string work_id;
    std::string edition;
    std::string node_path;
    uint32_t seq = 0;
    std::string expected_old;
    std::string new_text;
    std::map<std::string, std::string> set_attrs;
  };
  Status ReplaceBlockText(const BlockEdit& edit, const std::function<Status(Database*)>& also = {});

  const std::filesystem::path& data_dir() const { return data_dir_; }

 private:
  Library() = default;
  Status ResolveEdition(const std::string& work_id, const std::string& edition, std::string* out);

  std::filesystem::path data_dir_;
  std::unique_ptr<Database> db_;
};

}  // namespace fangzhi::store
