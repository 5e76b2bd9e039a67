// config_parse.cpp: parse_config() — pins and domains out of the configurations people deploy:
// Android Network Security Config, Info.plist (ATS NSPinnedDomains, TrustKit TSKConfiguration),
// TrustKit Swift/Objective-C dictionaries, OkHttp CertificatePinner code, curl pin strings, Envoy
// verify_certificate_spki and pins.json. Tolerant of what people write, strict about what it
// cannot read: an error names the line.
#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "pincalc/check.hpp"

namespace pincalc {
namespace {

// ---- A small XML reader (enough for NSC files and plists) ------------------------------------

struct XmlNode {
  std::string name;  // empty for text
  std::map<std::string, std::string> attrs;
  std::string text;  // text content (for text nodes, and collected for elements)
  int line = 0;
  std::vector<std::unique_ptr<XmlNode>> children;
};

std::string decode_entities(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    static const std::pair<const char*, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool done = false;
    for (const auto& [name, c] : kEntities) {
      if (s.compare(i, std::string(name).size(), name) == 0) {
        out.push_back(c);
        i += std::string(name).size() - 1;
        done = true;
        break;
      }
    }
    if (!done) out.push_back('&');
  }
  return out;
}

std::string trim(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

int line_of(std::string_view text, std::size_t pos) {
  int line = 1;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

// parse_xml builds a tree under a synthetic root. Returns false with *error ("line N: …").
bool parse_xml(std::string_view text, XmlNode* root, std::string* error) {
  std::vector<XmlNode*> stack{root};
  std::size_t i = 0;
  int line = 1;
  auto advance_to = [&](std::size_t to) {
    for (; i < to && i < text.size(); ++i) line += text[i] == '\n';
  };
  while (i < text.size()) {
    const std::size_t lt = text.find('<', i);
    const std::size_t text_end = lt == std::string_view::npos ? text.size() : lt;
    if (text_end > i) {
      auto node = std::make_unique<XmlNode>();
      node->text = decode_entities(std::string(text.substr(i, text_end - i)));
      node->line = line;
      stack.back()->text += node->text;
      stack.back()->children.push_back(std::move(node));
    }
    advance_to(text_end);
    if (lt == std::string_view::npos) break;
    if (text.compare(i, 4, "<!--") == 0) {
      const std::size_t end = text.find("-->", i);
      if (end == std::string_view::npos) {
        *error = "line " + std::to_string(line) + ": unterminated comment";
        return false;
      }
      advance_to(end + 3);
      continue;
    }
    if (text.compare(i, 9, "<![CDATA[") == 0) {
      const std::size_t end = text.find("]]>", i);
      if (end == std::string_view::npos) {
        *error = "line " + std::to_string(line) + ": unterminated CDATA";
        return false;
      }
      stack.back()->text += std::string(text.substr(i + 9, end - i - 9));
      advance_to(end + 3);
      continue;
    }
    const std::size_t gt = text.find('>', i);
    if (gt == std::string_view::npos) {
      *error = "line " + std::to_string(line) + ": unterminated tag";
      return false;
    }
    std::string tag(text.substr(i + 1, gt - i - 1));
    const int tag_line = line;
    advance_to(gt + 1);
    if (tag.empty() || tag[0] == '?' || tag[0] == '!') continue;  // <?xml ?>, <!DOCTYPE>
    if (tag[0] == '/') {
      const std::string name = trim(tag.substr(1));
      if (stack.size() == 1 || stack.back()->name != name) {
        *error = "line " + std::to_string(tag_line) + ": unexpected </" + name + ">";
        return false;
      }
      stack.pop_back();
      continue;
    }
    const bool self_closing = tag.back() == '/';
    if (self_closing) tag.pop_back();
    auto node = std::make_unique<XmlNode>();
    node->line = tag_line;
    std::size_t p = 0;
    while (p < tag.size() && !std::isspace(static_cast<unsigned char>(tag[p]))) ++p;
    node->name = tag.substr(0, p);
    while (p < tag.size()) {
      while (p < tag.size() && std::isspace(static_cast<unsigned char>(tag[p]))) ++p;
      const std::size_t eq = tag.find('=', p);
      if (eq == std::string::npos) break;
      const std::string key = trim(tag.substr(p, eq - p));
      std::size_t q = eq + 1;
      while (q < tag.size() && std::isspace(static_cast<unsigned char>(tag[q]))) ++q;
      if (q >= tag.size() || (tag[q] != '"' && tag[q] != '\'')) {
        *error = "line " + std::to_string(tag_line) + ": attribute " + key + " is not quoted";
        return false;
      }
      const std::size_t close = tag.find(tag[q], q + 1);
      if (close == std::string::npos) {
        *error = "line " + std::to_string(tag_line) + ": unterminated attribute " + key;
        return false;
      }
      node->attrs[key] = decode_entities(tag.substr(q + 1, close - q - 1));
      p = close + 1;
    }
    XmlNode* raw = node.get();
    stack.back()->children.push_back(std::move(node));
    if (!self_closing) stack.push_back(raw);
  }
  if (stack.size() > 1) {
    *error = "line " + std::to_string(stack.back()->line) + ": <" + stack.back()->name +
             "> is never closed";
    return false;
  }
  return true;
}

std::vector<const XmlNode*> elements(const XmlNode& n) {
  std::vector<const XmlNode*> out;
  for (const auto& c : n.children) {
    if (!c->name.empty()) out.push_back(c.get());
  }
  return out;
}

void add_pin(DomainPolicy* d, const std::string& value, int line, const Report* report,
             const std::string& category = "") {
  ConfigPin p;
  p.pin = normalize_pin(value, report);
  p.line = line;
  p.category = category;
  d->pins.push_back(std::move(p));
}

bool truthy(const std::string& v) { return v == "true" || v == "YES" || v == "@YES" || v == "1"; }

// ---- Android Network Security Config (and TrustKit-Android) ----------------------------------

void walk_nsc(const XmlNode& node, const std::vector<ConfigPin>* inherited, const Report* report,
              ParsedConfig* out) {
  for (const XmlNode* child : elements(node)) {
    if (child->name != "domain-config") {
      walk_nsc(*child, inherited, report, out);
      continue;
    }
    std::vector<DomainPolicy> domains;
    std::vector<ConfigPin> pins;
    bool has_pin_set = false;
    std::string expiration;
    bool enforce = true;
    for (const XmlNode* e : elements(*child)) {
      if (e->name == "domain") {
        DomainPolicy d;
        d.domain = trim(e->text);
        d.include_subdomains = truthy(
            e->attrs.count("includeSubdomains") ? e->attrs.at("includeSubdomains") : std::string());
        d.line = e->line;
        domains.push_back(std::move(d));
      } else if (e->name == "pin-set") {
        has_pin_set = true;
        if (e->attrs.count("expiration")) expiration = e->attrs.at("expiration");
        for (const XmlNode* pin : elements(*e)) {
          if (pin->name != "pin") continue;
          const std::string digest = pin->attrs.count("digest") ? pin->attrs.at("digest") : "";
          if (digest != "SHA-256") {
            out->errors.push_back("line " + std::to_string(pin->line) + ": <pin digest=\"" +
                                  digest + "\">: Android supports only digest=\"SHA-256\"");
          }
          DomainPolicy tmp;
          add_pin(&tmp, trim(pin->text), pin->line, report);
          pins.push_back(std::move(tmp.pins.front()));
        }
      } else if (e->name == "trustkit-config") {
        enforce = !e->attrs.count("enforcePinning") || truthy(e->attrs.at("enforcePinning"));
      }
    }
    const std::vector<ConfigPin>& effective =
        has_pin_set || inherited == nullptr ? pins : *inherited;
    for (DomainPolicy& d : domains) {
      d.pins = effective;
      d.expiration = expiration;
      d.enforce = enforce;
      out->domains.push_back(std::move(d));
    }
    walk_nsc(*child, &effective, report, out);  // nested domain-config inherits the pin-set
  }
}

// ---- Property lists ---------------------------------------------------------------------------

struct PlistValue {
  std::string type;  // "dict", "array", "string", "bool", "other"
  std::string str;
  bool boolean = false;
  int line = 0;
  std::vector<std::pair<std::string, PlistValue>> dict;
  std::vector<PlistValue> array;
  const PlistValue* get(const std::string& key) const {
    for (const auto& [k, v] : dict) {
      if (k == key) return &v;
    }
    return nullptr;
  }
};

PlistValue plist_value(const XmlNode& n) {
  PlistValue v;
  v.line = n.line;
  if (n.name == "dict") {
    v.type = "dict";
    const auto kids = elements(n);
    for (std::size_t i = 0; i + 1 < kids.size(); i += 2) {
      if (kids[i]->name != "key") continue;
      v.dict.emplace_back(trim(kids[i]->text), plist_value(*kids[i + 1]));
    }
  } else if (n.name == "array") {
    v.type = "array";
    for (const XmlNode* k : elements(n)) v.array.push_back(plist_value(*k));
  } else if (n.name == "string") {
    v.type = "string";
    v.str = trim(n.text);
  } else if (n.name == "true" || n.name == "false") {
    v.type = "bool";
    v.boolean = n.name == "true";
  } else {
    v.type = "other";
    v.str = trim(n.text);
  }
  return v;
}

// find_key looks for key anywhere in a plist tree (Info.plist fragments nest differently).
const PlistValue* find_key(const PlistValue& v, const std::string& key) {
  if (const PlistValue* direct = v.get(key)) return direct;
  for (const auto& [k, child] : v.dict) {
    if (const PlistValue* found = find_key(child, key)) return found;
  }
  for (const auto& child : v.array) {
    if (const PlistValue* found = find_key(child, key)) return found;
  }
  return nullptr;
}

// plist_root turns the top level (a whole <plist>, a <dict>, or a fragment of <key>/<value> pairs)
// into one dict.
PlistValue plist_root(const XmlNode& root) {
  const auto kids = elements(root);
  if (kids.size() == 1 && kids[0]->name == "plist") return plist_root(*kids[0]);
  if (kids.size() == 1 && kids[0]->name == "dict") return plist_value(*kids[0]);
  PlistValue v;
  v.type = "dict";
  for (std::size_t i = 0; i + 1 < kids.size(); i += 2) {
    if (kids[i]->name == "key") v.dict.emplace_back(trim(kids[i]->text), plist_value(*kids[i + 1]));
  }
  return v;
}

void parse_ats(const PlistValue& pinned, const Report* report, ParsedConfig* out) {
  for (const auto& [domain, policy] : pinned.dict) {
    DomainPolicy d;
    d.domain = domain;
    d.line = policy.line;
    if (const PlistValue* sub = policy.get("NSIncludesSubdomains"))
      d.include_subdomains = sub->boolean;
    for (const auto& [key, category] :
         {std::pair<const char*, const char*>{"NSPinnedLeafIdentities", "leaf"},
          {"NSPinnedCAIdentities", "ca"}}) {
      const PlistValue* list = policy.get(key);
      if (list == nullptr) continue;
      for (const PlistValue& entry : list->array) {
        const PlistValue* pin = entry.get("SPKI-SHA256-BASE64");
        if (pin == nullptr) {
          out->errors.push_back("line " + std::to_string(entry.line) + ": an entry of " + key +
                                " has no SPKI-SHA256-BASE64 key");
          continue;
        }
        add_pin(&d, pin->str, pin->line, report, category);
      }
    }
    out->domains.push_back(std::move(d));
  }
}

void parse_trustkit_plist(const PlistValue& pinned, const Report* report, ParsedConfig* out) {
  for (const auto& [domain, policy] : pinned.dict) {
    DomainPolicy d;
    d.domain = domain;
    d.line = policy.line;
    if (const PlistValue* v = policy.get("TSKIncludeSubdomains")) d.include_subdomains = v->boolean;
    if (const PlistValue* v = policy.get("TSKEnforcePinning")) d.enforce = v->boolean;
    if (const PlistValue* v = policy.get("TSKExpirationDate")) d.expiration = v->str;
    if (const PlistValue* hashes = policy.get("TSKPublicKeyHashes")) {
      for (const PlistValue& h : hashes->array) add_pin(&d, h.str, h.line, report);
    }
    out->domains.push_back(std::move(d));
  }
}

// ---- Source code: a token stream for Swift, Objective-C, Kotlin and Java -----------------------

struct Token {
  char kind;  // 's' string, 'i' identifier/number, or the punctuation character itself
  std::string text;
  int line;
};

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  int line = 1;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (std::isspace(static_cast<unsigned char>(c)) || c == '@') {
      ++i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      const std::size_t end = text.find("*/", i + 2);
      const std::size_t stop = end == std::string_view::npos ? text.size() : end + 2;
      for (; i < stop; ++i) line += text[i] == '\n';
    } else if (c == '"') {
      std::string s;
      const int start = line;
      ++i;
      while (i < text.size() && text[i] != '"' && text[i] != '\n') {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        s.push_back(text[i++]);
      }
      ++i;
      out.push_back({'s', s, start});
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      std::string s;
      while (i < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) {
        s.push_back(text[i++]);
      }
      out.push_back({'i', s, line});
    } else {
      out.push_back({c, std::string(1, c), line});
      ++i;
    }
  }
  return out;
}

// Literal is a parsed Swift/Objective-C literal: a scalar, or a container of (key?, value).
struct Literal {
  Token scalar{'i', "", 0};
  bool container = false;
  std::vector<std::pair<std::unique_ptr<Literal>, std::unique_ptr<Literal>>> entries;
  int line = 0;
};

std::unique_ptr<Literal> parse_literal(const std::vector<Token>& t, std::size_t* i) {
  auto lit = std::make_unique<Literal>();
  if (*i >= t.size()) return lit;
  lit->line = t[*i].line;
  const char open = t[*i].kind;
  if (open == '[' || open == '{') {
    const char close = open == '[' ? ']' : '}';
    lit->container = true;
    ++*i;
    while (*i < t.size() && t[*i].kind != close) {
      if (t[*i].kind == ',') {
        ++*i;
        continue;
      }
      if (t[*i].kind == ':') {  // Swift's empty dictionary [:]
        ++*i;
        continue;
      }
      auto first = parse_literal(t, i);
      if (*i < t.size() && t[*i].kind == ':') {
        ++*i;
        auto second = parse_literal(t, i);
        lit->entries.emplace_back(std::move(first), std::move(second));
      } else {
        lit->entries.emplace_back(nullptr, std::move(first));
      }
    }
    ++*i;
    return lit;
  }
  lit->scalar = t[*i];
  ++*i;
  // Skip a call or cast following a scalar (e.g. NSNumber(value: true)); keep it simple.
  return lit;
}

void parse_trustkit_code(std::string_view text, const Report* report, ParsedConfig* out) {
  const auto tokens = tokenize(text);
  for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (tokens[i].text != "kTSKPinnedDomains" || tokens[i + 1].kind != ':') continue;
    std::size_t j = i + 2;
    const auto domains = parse_literal(tokens, &j);
    for (const auto& [key, value] : domains->entries) {
      if (!key || key->scalar.kind != 's' || !value || !value->container) continue;
      DomainPolicy d;
      d.domain = key->scalar.text;
      d.line = key->line;
      for (const auto& [k, v] : value->entries) {
        if (!k || !v) continue;
        const std::string& name = k->scalar.text;
        if (name == "kTSKIncludeSubdomains") d.include_subdomains = truthy(v->scalar.text);
        if (name == "kTSKEnforcePinning") d.enforce = truthy(v->scalar.text);
        if (name == "kTSKExpirationDate") d.expiration = v->scalar.text;
        if (name == "kTSKPublicKeyHashes") {
          for (const auto& [unused, h] : v->entries) {
            if (h && h->scalar.kind == 's') add_pin(&d, h->scalar.text, h->line, report);
          }
        }
      }
      out->domains.push_back(std::move(d));
    }
    return;
  }
  out->errors.push_back("line 1: kTSKPinnedDomains is not followed by a dictionary");
}

void parse_okhttp(std::string_view text, const Report* report, ParsedConfig* out) {
  const auto t = tokenize(text);
  std::map<std::string, std::size_t> index;  // pattern → out->domains position
  for (std::size_t i = 1; i + 1 < t.size(); ++i) {
    if (t[i].text != "add" || t[i - 1].kind != '.' || t[i + 1].kind != '(') continue;
    std::size_t j = i + 2;
    std::vector<const Token*> strings;
    int depth = 1;
    for (; j < t.size() && depth > 0; ++j) {
      if (t[j].kind == '(') ++depth;
      if (t[j].kind == ')') --depth;
      if (t[j].kind == 's' && depth == 1) strings.push_back(&t[j]);
    }
    if (strings.empty()) continue;
    std::string pattern = strings[0]->text;
    const bool all_sub = pattern.rfind("**.", 0) == 0;
    const std::string domain = all_sub ? pattern.substr(3) : pattern;
    auto it = index.find(domain);
    if (it == index.end()) {
      DomainPolicy d;
      d.domain = domain;
      d.line = strings[0]->line;
      index[domain] = out->domains.size();
      out->domains.push_back(std::move(d));
      it = index.find(domain);
    }
    DomainPolicy& d = out->domains[it->second];
    d.include_subdomains |= all_sub;
    for (std::size_t k = 1; k < strings.size(); ++k) {
      bool seen = false;
      for (const ConfigPin& p : d.pins) seen |= p.pin.input == strings[k]->text;
      if (!seen) add_pin(&d, strings[k]->text, strings[k]->line, report);
    }
  }
  if (out->domains.empty())
    out->errors.push_back("line 1: no CertificatePinner .add(...) call found");
}

std::string host_of_url(std::string_view text) {
  const std::size_t p = text.find("https://");
  if (p == std::string_view::npos) return "";
  std::size_t e = p + 8;
  while (e < text.size() && text[e] != '/' && text[e] != ':' && text[e] != '\'' && text[e] != '"' &&
         !std::isspace(static_cast<unsigned char>(text[e]))) {
    ++e;
  }
  return std::string(text.substr(p + 8, e - p - 8));
}

bool is_b64(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=' ||
         c == '-' || c == '_';
}

void parse_curl(std::string_view text, const Report* report, ParsedConfig* out) {
  DomainPolicy d;
  d.domain = host_of_url(text);
  if (d.domain.empty()) d.domain = "(any host)";
  for (std::size_t p = text.find("sha256//"); p != std::string_view::npos;
       p = text.find("sha256//", p + 8)) {
    std::size_t e = p + 8;
    while (e < text.size() && is_b64(text[e])) ++e;
    const std::string value(text.substr(p, e - p));
    bool seen = false;  // the libcurl line usually repeats the command line's list
    for (const ConfigPin& cp : d.pins) seen |= cp.pin.input == value;
    if (!seen) add_pin(&d, value, line_of(text, p), report);
  }
  d.line = d.pins.empty() ? 1 : d.pins.front().line;
  out->domains.push_back(std::move(d));
}

void parse_envoy(std::string_view text, const Report* report, ParsedConfig* out) {
  DomainPolicy d;
  const std::size_t sni = text.find("sni:");
  if (sni != std::string_view::npos) {
    std::size_t e = text.find('\n', sni);
    std::string v =
        trim(std::string(text.substr(sni + 4, e == std::string_view::npos ? e : e - sni - 4)));
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
    d.domain = v;
  }
  if (d.domain.empty()) d.domain = "(upstream)";
  const std::size_t key = text.find("verify_certificate_spki");
  std::size_t p = text.find('\n', key);
  const std::size_t colon = text.find(':', key);
  const std::size_t bracket = text.find('[', colon);
  if (bracket != std::string_view::npos && (p == std::string_view::npos || bracket < p)) {
    const std::size_t close = text.find(']', bracket);
    for (const auto& s : normalize_pins(text.substr(bracket + 1, close - bracket - 1), report)) {
      ConfigPin cp;
      cp.pin = s;
      cp.line = line_of(text, bracket);
      d.pins.push_back(cp);
    }
  } else {
    while (p != std::string_view::npos && p + 1 < text.size()) {
      const std::size_t e = text.find('\n', p + 1);
      std::string line =
          trim(std::string(text.substr(p + 1, e == std::string_view::npos ? e : e - p - 1)));
      if (line.rfind("- ", 0) != 0) {
        if (line.empty() || line[0] == '#') {
          p = e;
          continue;
        }
        break;
      }
      std::string v = trim(line.substr(2));
      const std::size_t hash = v.find(" #");
      if (hash != std::string::npos) v = trim(v.substr(0, hash));
      add_pin(&d, v, line_of(text, p + 1), report);
      p = e;
    }
  }
  d.line = line_of(text, key);
  out->domains.push_back(std::move(d));
}

void parse_pins_json(std::string_view text, const Report* report, ParsedConfig* out) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    out->errors.push_back("line 1: pins.json is not valid JSON");
    return;
  }
  std::vector<std::string> domains;
  if (j.contains("domains") && j["domains"].is_array()) {
    for (const auto& d : j["domains"]) {
      if (d.is_string()) domains.push_back(d.get<std::string>());
    }
  }
  if (domains.empty()) domains.push_back("(all domains)");
  for (const std::string& name : domains) {
    DomainPolicy d;
    d.domain = name;
    d.line = 1;
    if (j.contains("include_subdomains") && j["include_subdomains"].is_boolean()) {
      d.include_subdomains = j["include_subdomains"].get<bool>();
    }
    if (j.contains("expiration") && j["expiration"].is_string()) {
      d.expiration = j["expiration"].get<std::string>();
    }
    if (j.contains("enforce") && j["enforce"].is_boolean()) d.enforce = j["enforce"].get<bool>();
    const auto& pins = j.contains("pins") ? j["pins"] : nlohmann::json::array();
    for (const auto& p : pins) {
      const std::string value = p.is_string() ? p.get<std::string>()
                                : p.is_object() && p.contains("sha256") && p["sha256"].is_string()
                                    ? p["sha256"].get<std::string>()
                                    : std::string();
      if (!value.empty()) add_pin(&d, value, 1, report);
    }
    out->domains.push_back(std::move(d));
  }
}

bool contains(std::string_view text, const char* what) {
  return text.find(what) != std::string_view::npos;
}

}  // namespace

ParsedConfig parse_config(std::string_view text, const Report* report) {
  ParsedConfig out;
  const std::string head =
      trim(std::string(text.substr(0, std::min<std::size_t>(text.size(), 4096))));
  if (contains(text, "<network-security-config") || contains(text, "<pin-set") ||
      contains(text, "<domain-config")) {
    out.format = "android-nsc";
    XmlNode root;
    std::string error;
    if (!parse_xml(text, &root, &error)) {
      out.errors.push_back(error);
      return out;
    }
    walk_nsc(root, nullptr, report, &out);
  } else if (contains(text, "NSPinnedDomains") || contains(text, "TSKConfiguration")) {
    const bool ats = contains(text, "NSPinnedDomains");
    out.format = ats ? "ios-ats" : "trustkit-plist";
    out.scope = ats ? PinScope::kAtsCategories : PinScope::kAnyInChain;
    XmlNode root;
    std::string error;
    if (!parse_xml(text, &root, &error)) {
      out.errors.push_back(error);
      return out;
    }
    const PlistValue top = plist_root(root);
    const PlistValue* pinned = find_key(top, ats ? "NSPinnedDomains" : "TSKPinnedDomains");
    if (pinned == nullptr || pinned->type != "dict") {
      out.errors.push_back("line 1: no " +
                           std::string(ats ? "NSPinnedDomains" : "TSKPinnedDomains") +
                           " dictionary found");
      return out;
    }
    ats ? parse_ats(*pinned, report, &out) : parse_trustkit_plist(*pinned, report, &out);
  } else if (contains(text, "kTSKPinnedDomains")) {
    out.format = contains(text, "@{") ? "trustkit-objc" : "trustkit-swift";
    parse_trustkit_code(text, report, &out);
  } else if (contains(text, "verify_certificate_spki")) {
    out.format = "envoy";
    out.scope = PinScope::kLeafOnly;
    parse_envoy(text, report, &out);
  } else if (contains(text, ".add(") && (contains(text, "sha256/") || contains(text, "sha1/"))) {
    out.format = "okhttp";
    parse_okhttp(text, report, &out);
  } else if (!head.empty() && (head[0] == '{' || head[0] == '[')) {
    out.format = "pins-json";
    parse_pins_json(text, report, &out);
  } else if (contains(text, "sha256//")) {
    out.format = "curl";
    out.scope = PinScope::kLeafOnly;
    parse_curl(text, report, &out);
  } else {
    out.errors.push_back(
        "line 1: not a pinning configuration pincalc reads (Android Network Security Config, "
        "Info.plist NSPinnedDomains or TSKConfiguration, TrustKit Swift/Objective-C, OkHttp "
        "CertificatePinner, curl --pinnedpubkey, Envoy verify_certificate_spki, pins.json)");
  }
  for (const DomainPolicy& d : out.domains) {
    for (const ConfigPin& p : d.pins) {
      if (!p.pin.error.empty()) {
        out.errors.push_back("line " + std::to_string(p.line) + ": " + p.pin.error);
      }
    }
  }
  if (out.errors.empty() && out.domains.empty()) {
    out.errors.push_back("line 1: no pinned domain found");
  }
  return out;
}

}  // namespace pincalc
