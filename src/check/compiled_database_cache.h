// Compiled Hyperscan databases kept on disk between runs. Compiling the
// rule packs takes most of a `fangzhi check` run on a short manuscript
// (0.5 s for the big database, 0.2 s for the 91 start-of-match ones, on
// 2 cores); loading them back takes milliseconds.
//
// A file is named by a BLAKE2b hash of everything the compile depends on
// (Hyperscan's version, the CPU platform it compiled for, every expression
// with its flags and id, in order), so changed rules or a new Hyperscan
// never meet an old file. The file carries its own hash too: a truncated
// or damaged file is ignored and recompiled, never half-loaded.
//
// The cache only saves time. When no folder can be written (read-only
// home, no $HOME), compiling goes on as if there were no cache.
#pragma once

#include <hs/hs.h>

#include <filesystem>
#include <string>
#include <vector>

namespace fangzhi::check {

// What one Hyperscan compile takes.
struct DatabaseInput {
  std::vector<std::string> expressions;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
};

class CompiledDatabaseCache {
 public:
  // $FANGZHI_CACHE_DIR, else $XDG_CACHE_HOME/fangzhi, else
  // $HOME/.cache/fangzhi; empty when none is set.
  static std::filesystem::path DefaultDir();

  // An empty `dir` is a cache that never has anything.
  explicit CompiledDatabaseCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // The name under which the databases compiled from `inputs` (in order)
  // are stored.
  static std::string Key(const std::vector<DatabaseInput>& inputs);

  // The databases stored under `key`, one per input, in order (the caller
  // frees them with hs_free_database). False, with *out empty, when the file
  // is absent, damaged or from another platform.
  bool Load(const std::string& key, std::vector<hs_database_t*>* out) const;

  // Stores the databases under `key` (a temporary file renamed into place,
  // so a reader sees the old file or the new one), then keeps only the 8
  // newest files. Errors are dropped: the next run compiles again.
  void Store(const std::string& key, const std::vector<const hs_database_t*>& dbs) const;

  // The file `key` is kept in.
  std::filesystem::path PathOf(const std::string& key) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace fangzhi::check
