// Test bags, made here with libzip (well-formed ones) or byte by byte
// (hostile ones libzip would refuse to write), so that no binary blob lives
// in the repository.
#pragma once

#include <zip.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "check/docx_builder.h"
#include "submission/sha256.h"

namespace fangzhi::submission::testing {

using Members = std::vector<std::pair<std::string, std::string>>;

inline std::string Sha(const std::string& bytes) {
  Sha256 h;
  h.Update(bytes);
  return h.HexDigest();
}

using check::testing::WriteZip;  // name → bytes, deflated

inline const char* kMarkdown =
    "---\n"
    "title: 示例县志（征集稿）\n"
    "kind: 志书\n"
    "---\n"
    "\n"
    "# 概述\n"
    "\n"
    "示例县位于盆地西缘，境内山川秀丽，物产丰饶。\n";

// A well-formed bag: tag files are derived from `payload` unless overridden.
struct BagSpec {
  std::string root = "shili-bag";  // "" = bag at the top of the zip
  std::vector<std::pair<std::string, std::string>> info = {
      {"Source-Organization", "示例县地方志编纂委员会办公室"},
      {"Bagging-Date", "2026-11-20"},
      {"Fangzhi-Region-Code", "510104"},
      {"Fangzhi-Work-Id", "shili-zhi-2026"},
      {"Fangzhi-Work-Title", "示例县志（征集稿）"},
      {"Fangzhi-Work-Kind", "志书"},
      {"Fangzhi-Licence", "CC0-1.0"},
  };
  Members payload = {{"data/shili.md", kMarkdown}};
  bool payload_oxum = true;
  std::vector<std::string> leave_out_of_manifest;                // payload paths with no checksum
  std::vector<std::pair<std::string, std::string>> bad_checksum;  // path → wrong content hashed
  std::vector<std::string> extra_manifest_paths;                 // listed but absent
  bool manifest = true;
  bool tagmanifest = false;
  std::string bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
};

inline Members BagMembers(const BagSpec& spec) {
  const std::string p = spec.root.empty() ? "" : spec.root + "/";
  Members m;
  m.emplace_back(p + "bagit.txt", spec.bagit);
  std::string info;
  for (const auto& [k, v] : spec.info) info += k + ": " + v + "\n";
  if (spec.payload_oxum) {
    uint64_t bytes = 0;
    for (const auto& [name, data] : spec.payload) bytes += data.size();
    info += "Payload-Oxum: " + std::to_string(bytes) + "." + std::to_string(spec.payload.size()) + "\n";
  }
  m.emplace_back(p + "bag-info.txt", info);
  std::string manifest;
  for (const auto& [name, data] : spec.payload) {
    bool skip = false;
    for (const auto& s : spec.leave_out_of_manifest) skip = skip || s == name;
    if (skip) continue;
    std::string hashed = data;
    for (const auto& [path, other] : spec.bad_checksum) {
      if (path == name) hashed = other;
    }
    manifest += Sha(hashed) + "  " + name + "\n";
  }
  for (const auto& extra : spec.extra_manifest_paths) manifest += Sha("gone") + "  " + extra + "\n";
  if (spec.manifest) m.emplace_back(p + "manifest-sha256.txt", manifest);
  if (spec.tagmanifest) {
    std::string tags;
    for (const auto& [name, data] : m) tags += Sha(data) + "  " + name.substr(p.size()) + "\n";
    m.emplace_back(p + "tagmanifest-sha256.txt", tags);
  }
  for (const auto& [name, data] : spec.payload) m.emplace_back(p + name, data);
  return m;
}

inline bool WriteBag(const std::filesystem::path& path, const BagSpec& spec) { return WriteZip(path, BagMembers(spec)); }

// One member of a zip written byte by byte.
struct RawEntry {
  std::string name;         // raw bytes
  std::string data;         // as stored (already compressed when method is 8)
  uint16_t method = 0;      // 0 stored, 8 deflate
  uint32_t crc = 0;         // of the uncompressed bytes; computed from data when stored
  uint64_t declared = 0;    // uncompressed size as declared; data.size() when stored and 0
  uint16_t flags = 0;       // bit 0 encrypted, bit 11 UTF-8 name
  uint32_t external = 0;    // external attributes (Unix mode << 16 with made-by Unix)
};

inline std::string RawDeflate(const std::string& in) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, in.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

inline uint32_t Crc(const std::string& s) {
  return static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

inline bool WriteRawZip(const std::filesystem::path& path, std::vector<RawEntry> entries) {
  std::string out, central;
  auto u16 = [](std::string& s, uint32_t v) {
    s += static_cast<char>(v & 0xff);
    s += static_cast<char>((v >> 8) & 0xff);
  };
  auto u32 = [&](std::string& s, uint32_t v) {
    u16(s, v & 0xffff);
    u16(s, v >> 16);
  };
  auto u64 = [&](std::string& s, uint64_t v) {
    u32(s, static_cast<uint32_t>(v));
    u32(s, static_cast<uint32_t>(v >> 32));
  };
  for (RawEntry& e : entries) {
    if (e.method == 0 && e.declared == 0) e.declared = e.data.size();
    if (e.method == 0 && e.crc == 0) e.crc = Crc(e.data);
    const bool z64 = e.declared >= 0xffffffffu;
    const uint32_t offset = static_cast<uint32_t>(out.size());
    std::string extra;
    if (z64) {
      u16(extra, 0x0001);
      u16(extra, 16);
      u64(extra, e.declared);
      u64(extra, e.data.size());
    }
    u32(out, 0x04034b50);
    u16(out, z64 ? 45 : 20);
    u16(out, e.flags);
    u16(out, e.method);
    u16(out, 0);
    u16(out, 0x21);
    u32(out, e.crc);
    u32(out, z64 ? 0xffffffffu : static_cast<uint32_t>(e.data.size()));
    u32(out, z64 ? 0xffffffffu : static_cast<uint32_t>(e.declared));
    u16(out, static_cast<uint32_t>(e.name.size()));
    u16(out, static_cast<uint32_t>(extra.size()));
    out += e.name;
    out += extra;
    out += e.data;
    u32(central, 0x02014b50);
    u16(central, (3u << 8) | (z64 ? 45 : 20));  // made by Unix
    u16(central, z64 ? 45 : 20);
    u16(central, e.flags);
    u16(central, e.method);
    u16(central, 0);
    u16(central, 0x21);
    u32(central, e.crc);
    u32(central, z64 ? 0xffffffffu : static_cast<uint32_t>(e.data.size()));
    u32(central, z64 ? 0xffffffffu : static_cast<uint32_t>(e.declared));
    u16(central, static_cast<uint32_t>(e.name.size()));
    u16(central, static_cast<uint32_t>(extra.size()));
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u32(central, e.external);
    u32(central, offset);
    central += e.name;
    central += extra;
  }
  const uint32_t cd_offset = static_cast<uint32_t>(out.size());
  out += central;
  u32(out, 0x06054b50);
  u16(out, 0);
  u16(out, 0);
  u16(out, static_cast<uint32_t>(entries.size()));
  u16(out, static_cast<uint32_t>(entries.size()));
  u32(out, static_cast<uint32_t>(central.size()));
  u32(out, cd_offset);
  u16(out, 0);
  std::ofstream f(path, std::ios::binary);
  f << out;
  return static_cast<bool>(f);
}

// A good bag's members as raw entries (stored), for adding one hostile member.
inline std::vector<RawEntry> RawMembers(const BagSpec& spec) {
  std::vector<RawEntry> out;
  for (const auto& [name, data] : BagMembers(spec)) {
    RawEntry e;
    e.name = name;
    e.data = data;
    e.flags = 1u << 11;
    e.external = (0100644u) << 16;
    out.push_back(e);
  }
  return out;
}

}  // namespace fangzhi::submission::testing
