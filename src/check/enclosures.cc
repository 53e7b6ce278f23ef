#include "check/enclosures.h"

#include "text/utf8.h"

namespace fangzhi::check {

namespace {

struct Pair {
  char32_t open;
  char32_t close;
  Enclosure kind;
};
constexpr Pair kPairs[] = {
    {U'“', U'”', Enclosure::kQuotation},  {U'‘', U'’', Enclosure::kQuotation},
    {U'「', U'」', Enclosure::kQuotation}, {U'『', U'』', Enclosure::kQuotation},
    {U'《', U'》', Enclosure::kBookTitle}, {U'〈', U'〉', Enclosure::kBookTitle},
    {U'（', U'）', Enclosure::kParenthesis}, {U'(', U')', Enclosure::kParenthesis},
};

const Pair* Opening(char32_t c) {
  for (const Pair& p : kPairs) {
    if (p.open == c) return &p;
  }
  return nullptr;
}
const Pair* Closing(char32_t c) {
  for (const Pair& p : kPairs) {
    if (p.close == c) return &p;
  }
  return nullptr;
}

struct Open {
  const Pair* pair;
  size_t begin;
  size_t end;  // of the mark
};

// One pass; ASCII double quotes pair up alternately, since they do not
// say which way they face.
template <typename OnClose, typename OnStray>
void Scan(std::string_view t, std::vector<Open>* stack, OnClose on_close, OnStray on_stray) {
  static constexpr Pair kAsciiQuote{U'"', U'"', Enclosure::kQuotation};
  size_t i = 0;
  while (i < t.size()) {
    const size_t b = i;
    const char32_t c = text::NextCodePoint(t, i);
    if (c == U'"') {
      if (!stack->empty() && stack->back().pair == &kAsciiQuote) {
        on_close(stack->back(), i);
        stack->pop_back();
      } else {
        stack->push_back({&kAsciiQuote, b, i});
      }
      continue;
    }
    if (const Pair* p = Opening(c)) {
      stack->push_back({p, b, i});
      continue;
    }
    if (Closing(c) != nullptr) {
      // Close the innermost matching opener; openers above it were never
      // closed and end here too.
      size_t k = stack->size();
      while (k > 0 && (*stack)[k - 1].pair->close != c) --k;
      if (k == 0) {
        on_stray(b, i);
        continue;
      }
      while (stack->size() > k) {
        on_close(stack->back(), i);
        stack->pop_back();
      }
      on_close(stack->back(), i);
      stack->pop_back();
    }
  }
}

}  // namespace

std::vector<EnclosedSpan> FindEnclosures(std::string_view t) {
  std::vector<EnclosedSpan> out;
  std::vector<Open> stack;
  Scan(
      t, &stack, [&](const Open& o, size_t end) { out.push_back({o.pair->kind, o.begin, end}); },
      [](size_t, size_t) {});
  for (const Open& o : stack) out.push_back({o.pair->kind, o.begin, t.size()});
  return out;
}

std::vector<UnpairedMark> FindUnpairedMarks(std::string_view t) {
  std::vector<UnpairedMark> out;
  std::vector<Open> stack;
  // An opener closed by a different pair's closer is unpaired, and so is a
  // closer nobody opened.
  size_t i = 0;
  static constexpr Pair kAsciiQuote{U'"', U'"', Enclosure::kQuotation};
  while (i < t.size()) {
    const size_t b = i;
    const char32_t c = text::NextCodePoint(t, i);
    if (c == U'"') {
      if (!stack.empty() && stack.back().pair == &kAsciiQuote) {
        stack.pop_back();
      } else {
        stack.push_back({&kAsciiQuote, b, i});
      }
    } else if (const Pair* p = Opening(c)) {
      stack.push_back({p, b, i});
    } else if (Closing(c) != nullptr) {
      size_t k = stack.size();
      while (k > 0 && stack[k - 1].pair->close != c) --k;
      if (k == 0) {
        out.push_back({b, i, false});
        continue;
      }
      while (stack.size() > k) {
        out.push_back({stack.back().begin, stack.back().end, true});
        stack.pop_back();
      }
      stack.pop_back();
    }
  }
  for (const Open& o : stack) out.push_back({o.begin, o.end, true});
  return out;
}

}  // namespace fangzhi::check
