// config_check.cpp: check_config() and diff_renewal() — "will my app still connect?" for a
// configuration and a chain, today and after the usual changes.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "pincalc/check.hpp"

namespace pincalc {
namespace {

using Json = nlohmann::ordered_json;

// dns_matches: does a certificate name (possibly "*.example.com") cover host?
bool dns_matches(const std::string& name, const std::string& host) {
  if (name == host) return true;
  if (name.rfind("*.", 0) == 0) {
    const std::size_t dot = host.find('.');
    return dot != std::string::npos && host.substr(dot) == name.substr(1);
  }
  return false;
}

// chain_for picks the chain whose leaf's names cover the domain, else the first chain.
const Chain* chain_for(const Report& report, const std::string& domain) {
  for (const Chain& c : report.chains) {
    const Item& leaf = report.items[c.items.front()];
    for (const std::string& n : leaf.san.dns) {
      if (dns_matches(n, domain)) return &c;
    }
  }
  return report.chains.empty() ? nullptr : &report.chains.front();
}

// Stand-in is a certificate position in a hypothetical chain: the item it is (or -1 for a key
// nobody knows yet) and whether it is the leaf.
struct Position {
  int item;
  bool leaf;
};

bool pin_is(const ConfigPin& p, int item) {
  return item >= 0 &&
         std::find(p.pin.items.begin(), p.pin.items.end(), item) != p.pin.items.end() &&
         p.pin.match == PinMatch::kSpki;
}

bool connects(const std::vector<ConfigPin>& pins, PinScope scope,
              const std::vector<Position>& chain) {
  auto any_match = [&](const std::vector<ConfigPin>& set, bool leaf_only, bool ca_only) {
    for (const ConfigPin& p : set) {
      for (const Position& pos : chain) {
        if ((leaf_only && !pos.leaf) || (ca_only && pos.leaf)) continue;
        if (pin_is(p, pos.item)) return true;
      }
    }
    return false;
  };
  switch (scope) {
    case PinScope::kAnyInChain: return any_match(pins, false, false);
    case PinScope::kLeafOnly: return any_match(pins, true, false);
    case PinScope::kAtsCategories: {
      std::vector<ConfigPin> leaf, ca;
      for (const ConfigPin& p : pins) (p.category == "ca" ? ca : leaf).push_back(p);
      bool ok = true;
      if (!leaf.empty()) ok &= any_match(leaf, true, false);
      if (!ca.empty()) ok &= any_match(ca, false, true);
      return ok && (!leaf.empty() || !ca.empty());
    }
  }
  return false;
}

std::string describe(const Report& r, int item) {
  const Item& it = r.items[item];
  std::string s = "#" + std::to_string(item + 1) + " " + role_name(it.role);
  if (!it.subject.empty()) s += " " + it.subject;
  return s;
}

}  // namespace

ConfigCheck check_config(const ParsedConfig& config, const Report& report) {
  ConfigCheck out;
  out.config = config;
  std::vector<int> backups;
  for (const Item& item : report.items) {
    if (item.kind != ItemKind::kCertificate) backups.push_back(item.index);
  }
  for (const DomainPolicy& policy : config.domains) {
    DomainCheck dc;
    dc.policy = policy;
    const Chain* chain = chain_for(report, policy.domain);
    if (chain == nullptr) {
      dc.warnings.push_back("no certificate chain given: give the server's chain to check it");
      out.domains.push_back(std::move(dc));
      continue;
    }
    std::vector<Position> today;
    for (std::size_t i = 0; i < chain->items.size(); ++i)
      today.push_back({chain->items[i], i == 0});
    const bool root_present = report.items[chain->items.back()].self_signed;

    for (const ConfigPin& p : policy.pins) {
      if (p.pin.match == PinMatch::kCertificate) {
        dc.warnings.push_back("line " + std::to_string(p.line) + ": " + p.pin.input.substr(0, 20) +
                              "... is a certificate fingerprint, not a public-key pin: it never "
                              "matches here");
      } else if (p.pin.match == PinMatch::kNone && p.pin.error.empty()) {
        dc.warnings.push_back("line " + std::to_string(p.line) + ": pin " + p.pin.canonical +
                              " matches nothing given (an unknown backup, or a stale pin)");
      }
    }
    const bool past_expiration =
        !policy.expiration.empty() && format_time(report.now).substr(0, 10) >= policy.expiration;
    Scenario t{"today", connects(policy.pins, config.scope, today), ""};
    if (past_expiration) {
      t = {"today", true, "pinning expired on " + policy.expiration + ": it is not enforced"};
    } else if (!policy.enforce) {
      t.reason = t.connects ? "a pin matches (report-only)"
                            : "no pin matches, but the policy is report-only";
      t.connects = true;
    } else {
      std::string matched;
      for (const ConfigPin& p : policy.pins) {
        for (const Position& pos : today) {
          if (pin_is(p, pos.item)) matched = describe(report, pos.item);
        }
      }
      t.reason = t.connects ? "pinned key found: " + matched
                            : "no configured pin matches the chain" +
                                  std::string(config.scope == PinScope::kLeafOnly
                                                  ? " (this format checks the leaf only)"
                                                  : "");
      if (!t.connects && !root_present && config.scope == PinScope::kAnyInChain) {
        t.reason += "; the root is not in the input, and a pin of it would also match";
      }
    }
    dc.scenarios.push_back(t);

    // The leaf re-keyed: its position holds a backup key if one is pinned, else an unknown key.
    std::vector<Position> rekeyed = today;
    int backup = -1;
    for (int b : backups) {
      for (const ConfigPin& p : policy.pins) {
        if (pin_is(p, b)) backup = b;
      }
    }
    rekeyed[0] = {backup, true};
    Scenario r{"leaf_rekeyed", connects(policy.pins, config.scope, rekeyed), ""};
    r.reason = r.connects ? (backup >= 0 && connects(policy.pins, config.scope, {{backup, true}})
                                 ? "the backup key " + describe(report, backup) + " is pinned"
                                 : "a CA pin still matches")
                          : "only the current leaf key is pinned: a new key breaks the app";
    dc.scenarios.push_back(r);

    // The intermediate(s) replaced by a CA certificate nobody has seen yet.
    std::vector<Position> new_intermediate;
    for (std::size_t i = 0; i < today.size(); ++i) {
      const bool is_root = i + 1 == today.size() && i > 0 && root_present;
      new_intermediate.push_back(i == 0 || is_root ? today[i] : Position{-1, false});
    }
    Scenario m{"intermediate_replaced", connects(policy.pins, config.scope, new_intermediate), ""};
    if (m.connects) {
      m.reason = "the leaf or root pin still matches";
    } else if (!connects(policy.pins, config.scope, today)) {
      m.reason = "no pin matches the chain even today";
    } else {
      m.reason = "only intermediate pins match: a new intermediate breaks the app" +
                 std::string(root_present ? "" : " (unless its root is pinned)");
    }
    dc.scenarios.push_back(m);

    if (!policy.expiration.empty()) {
      std::int64_t at = 0;
      Scenario e{"on_expiration", true, "pinning is switched off from " + policy.expiration};
      if (parse_time(policy.expiration, &at)) {
        const Item& leaf = report.items[chain->items.front()];
        if (leaf.not_after && *leaf.not_after < at) {
          e.connects = false;
          e.reason += ", but the leaf has expired by then (" +
                      format_time(*leaf.not_after).substr(0, 10) + ")";
        }
      }
      dc.scenarios.push_back(e);
    }
    if (policy.pins.size() < 2) dc.warnings.push_back("fewer than two pins: no backup");
    out.domains.push_back(std::move(dc));
  }
  return out;
}

namespace {

Json pin_json(const NormalizedPin& p) {
  return {{"input", p.input},
          {"canonical", p.canonical.empty() ? Json(nullptr) : Json(p.canonical)},
          {"algorithm", p.algorithm.empty() ? Json(nullptr) : Json(p.algorithm)},
          {"form", p.form},
          {"match", pin_match_name(p.match)},
          {"items", p.items},
          {"error", p.error.empty() ? Json(nullptr) : Json(p.error)},
          {"note", p.note.empty() ? Json(nullptr) : Json(p.note)}};
}

const char* scope_name(PinScope s) {
  switch (s) {
    case PinScope::kAnyInChain: return "any_in_chain";
    case PinScope::kLeafOnly: return "leaf_only";
    case PinScope::kAtsCategories: return "ats_categories";
  }
  return "unknown";
}

}  // namespace

std::string config_check_to_json(const ConfigCheck& check, int indent) {
  Json j;
  j["schema"] = "pincalc-check/1";
  j["format"] = check.config.format;
  j["scope"] = scope_name(check.config.scope);
  j["errors"] = check.config.errors;
  Json domains = Json::array();
  for (const DomainCheck& d : check.domains) {
    Json pins = Json::array();
    for (const ConfigPin& p : d.policy.pins) {
      Json pj = pin_json(p.pin);
      pj["line"] = p.line;
      pj["category"] = p.category.empty() ? Json(nullptr) : Json(p.category);
      pins.push_back(std::move(pj));
    }
    Json scenarios = Json::array();
    for (const Scenario& s : d.scenarios) {
      scenarios.push_back({{"name", s.name}, {"connects", s.connects}, {"reason", s.reason}});
    }
    domains.push_back(
        {{"domain", d.policy.domain},
         {"line", d.policy.line},
         {"include_subdomains", d.policy.include_subdomains},
         {"expiration", d.policy.expiration.empty() ? Json(nullptr) : Json(d.policy.expiration)},
         {"enforce", d.policy.enforce},
         {"pins", std::move(pins)},
         {"scenarios", std::move(scenarios)},
         {"warnings", d.warnings}});
  }
  j["domains"] = std::move(domains);
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

RenewalDiff diff_renewal(const Report& old_chain, const Report& new_chain) {
  RenewalDiff d;
  auto chain_pins = [](const Report& r) {
    std::vector<std::string> pins;
    if (r.chains.empty()) return pins;
    for (int i : r.chains.front().items) pins.push_back(r.items[i].pins.sha256);
    return pins;
  };
  const auto old_pins = chain_pins(old_chain);
  const auto new_pins = chain_pins(new_chain);
  if (old_pins.empty() || new_pins.empty()) {
    d.notes.push_back("both the old and the new input need a certificate");
    return d;
  }
  d.same_key = old_pins.front() == new_pins.front();
  for (const auto& p : old_pins) {
    if (std::find(new_pins.begin(), new_pins.end(), p) == new_pins.end())
      d.removed_pins.push_back(p);
  }
  for (const auto& p : new_pins) {
    if (std::find(old_pins.begin(), old_pins.end(), p) == old_pins.end()) d.added_pins.push_back(p);
  }
  d.notes.push_back(d.same_key ? "the leaf keeps its key: leaf pins survive this renewal"
                               : "the leaf has a new key: pins of the old leaf break");
  return d;
}

std::string renewal_diff_to_json(const RenewalDiff& diff, int indent) {
  Json j;
  j["schema"] = "pincalc-diff/1";
  j["same_key"] = diff.same_key;
  j["removed_pins"] = diff.removed_pins;
  j["added_pins"] = diff.added_pins;
  j["notes"] = diff.notes;
  return j.dump(indent);
}

}  // namespace pincalc
