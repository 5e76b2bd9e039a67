// chain.cpp: build_chains() — issuer/subject names and AKI/SKI (RFC 5280 §4.2.1.1–2) link
// certificates; mbedTLS checks each link's signature where it supports the algorithm.
#include "chain.hpp"

#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "mbedtls_backend.hpp"

namespace pincalc {
namespace {

std::string key_of(const std::vector<std::uint8_t>& v) { return {v.begin(), v.end()}; }

ByteView view(const std::vector<std::uint8_t>& v) { return {v.data(), v.size()}; }

bool is_ca(const Item& item) { return item.basic_constraints && item.basic_constraints->ca; }

}  // namespace

std::string describe_item(const Item& item) {
  std::string s = "#" + std::to_string(item.index + 1);
  if (!item.subject.empty()) s += " (" + item.subject + ")";
  return s;
}

void build_chains(Report* report) {
  auto& items = report->items;
  std::vector<int> certs;
  std::unordered_map<std::string, int> first_by_der;
  std::map<int, std::vector<int>> duplicates;  // ordered: the report must be deterministic
  for (auto& item : items) {
    if (item.kind != ItemKind::kCertificate) continue;
    const auto [it, inserted] = first_by_der.emplace(key_of(item.der), item.index);
    if (inserted) {
      certs.push_back(item.index);
    } else {
      duplicates[it->second].push_back(item.index);
    }
  }

  std::unordered_map<std::string, std::vector<int>> by_subject;
  for (int c : certs) {
    Item& item = items[c];
    item.self_signed = item.subject_der == item.issuer_der &&
                       (item.authority_key_id.empty() || item.subject_key_id.empty() ||
                        item.authority_key_id == item.subject_key_id);
    by_subject[key_of(item.subject_der)].push_back(c);
  }

  // parent[c]: the issuer chosen for c, or -1.
  std::unordered_map<int, int> parent;
  std::unordered_map<int, std::optional<bool>> link_signature;
  std::unordered_map<int, int> child_count;
  for (int c : certs) {
    const Item& child = items[c];
    if (child.self_signed) continue;
    const auto found = by_subject.find(key_of(child.issuer_der));
    if (found == by_subject.end()) continue;
    int best = -1;
    std::optional<bool> best_sig;
    for (int p : found->second) {
      if (p == c) continue;
      const Item& issuer = items[p];
      if (!child.authority_key_id.empty() && !issuer.subject_key_id.empty() &&
          child.authority_key_id != issuer.subject_key_id) {
        report->warnings.push_back(
            {"key_id_mismatch",
             Severity::kWarning,
             {c, p},
             describe_item(child) + " names " + describe_item(issuer) +
                 " as issuer, but its authority key identifier does not match that certificate's "
                 "key: this is a different (re-keyed or cross-signed) CA certificate"});
        continue;
      }
      const auto sig =
          crypto::verify_signature(view(issuer.spki), child.sig_alg_oid, view(child.sig_alg_params),
                                   view(child.tbs), view(child.signature));
      if (sig == false) {
        report->warnings.push_back({"signature_invalid",
                                    Severity::kWarning,
                                    {c, p},
                                    "the signature of " + describe_item(child) +
                                        " does not verify with the key of " +
                                        describe_item(issuer)});
        continue;
      }
      if (best == -1 || (sig == true && best_sig != true)) {
        best = p;
        best_sig = sig;
      }
    }
    if (best != -1) {
      parent[c] = best;
      link_signature[c] = best_sig;
      ++child_count[best];
    }
  }

  // One chain per certificate that issued nothing in the input, walking up to its top.
  std::unordered_set<int> placed;
  for (int c : certs) {
    if (child_count.count(c)) continue;
    Chain chain;
    std::unordered_set<int> seen;
    int cur = c;
    while (true) {
      chain.items.push_back(cur);
      seen.insert(cur);
      placed.insert(cur);
      const auto p = parent.find(cur);
      if (p == parent.end() || seen.count(p->second)) break;
      chain.links.push_back({cur, p->second, link_signature[cur]});
      cur = p->second;
    }
    const Item& top = items[chain.items.back()];
    chain.complete = top.self_signed;
    if (!chain.complete) chain.top_issuer = top.issuer;
    report->chains.push_back(std::move(chain));
  }
  // Certificates caught in an issuer cycle (no childless member) still get a chain.
  for (int c : certs) {
    if (!placed.count(c)) {
      Chain chain;
      chain.items.push_back(c);
      chain.top_issuer = items[c].issuer;
      report->chains.push_back(std::move(chain));
    }
  }

  bool has_long_chain = false;
  for (const auto& ch : report->chains) has_long_chain |= ch.items.size() > 1;

  for (std::size_t k = 0; k < report->chains.size(); ++k) {
    const Chain& chain = report->chains[k];
    const int n = static_cast<int>(chain.items.size());
    for (int pos = 0; pos < n; ++pos) {
      Item& item = items[chain.items[pos]];
      if (item.chain) continue;  // already placed by an earlier chain (shared issuer)
      item.chain = static_cast<int>(k);
      if (n == 1) {
        if (has_long_chain) {
          item.role = Role::kUnrelated;
        } else if (item.self_signed) {
          item.role = is_ca(item) ? Role::kRoot : Role::kSelfSigned;
        } else {
          item.role = is_ca(item) ? Role::kIntermediate : Role::kLeaf;
        }
      } else if (pos == 0) {
        item.role = Role::kLeaf;
      } else if (pos == n - 1 && item.self_signed) {
        item.role = Role::kRoot;
      } else {
        item.role = Role::kIntermediate;
      }
    }
  }

  // Roles are all known now: a chain's warnings may depend on other chains' roles.
  bool unrelated_ca = false;
  for (int c : certs) unrelated_ca |= items[c].role == Role::kUnrelated && is_ca(items[c]);
  for (const Chain& chain : report->chains) {
    const int n = static_cast<int>(chain.items.size());
    const Item& top = items[chain.items.back()];
    if (chain.complete || top.role == Role::kUnrelated) continue;
    const Item& first = items[chain.items.front()];
    if (n > 1 && unrelated_ca) {
      report->warnings.push_back(
          {"missing_link",
           Severity::kWarning,
           {top.index},
           "the chain of " + describe_item(first) + " stops at " + describe_item(top) +
               ": its issuer '" + top.issuer +
               "' is not in the input, so it does not connect to the other CA certificates given"});
    } else if (is_ca(top) || n > 1) {
      report->warnings.push_back(
          {"root_absent",
           Severity::kInfo,
           {top.index},
           "the chain of " + describe_item(first) + " ends at " + describe_item(top) +
               "; its issuer '" + top.issuer +
               "' is not in the input (normal: servers do not send the root)"});
    } else {
      report->warnings.push_back(
          {"issuer_absent",
           Severity::kWarning,
           {top.index},
           "the issuer of " + describe_item(top) + " ('" + top.issuer +
               "') is not in the input: add the intermediate to pin a CA key as backup"});
    }
  }

  for (const auto& [original, copies] : duplicates) {
    std::vector<int> all{original};
    all.insert(all.end(), copies.begin(), copies.end());
    std::string list;
    for (int d : copies) list += (list.empty() ? "#" : ", #") + std::to_string(d + 1);
    report->warnings.push_back(
        {"duplicate", Severity::kInfo, all, list + " repeat " + describe_item(items[original])});
    for (int d : copies) {
      items[d].role = items[original].role;
      items[d].chain = items[original].chain;
      items[d].self_signed = items[original].self_signed;
    }
  }

  for (const auto& chain : report->chains) {
    for (const auto& link : chain.links) {
      const Item& issuer = items[link.issuer];
      if (issuer.basic_constraints && !issuer.basic_constraints->ca) {
        report->warnings.push_back({"issuer_not_ca",
                                    Severity::kWarning,
                                    {link.child, link.issuer},
                                    describe_item(issuer) + " issued " +
                                        describe_item(items[link.child]) +
                                        " but is not a CA certificate"});
      }
    }
  }
}

}  // namespace pincalc
