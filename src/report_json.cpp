// report_json.cpp: report_to_json() — schema pincalc/1, documented in docs/report-schema.md.
// Keys keep a fixed order (nlohmann::ordered_json) so equal reports print byte-identical JSON on
// every platform, native and WASM alike.
#include <nlohmann/json.hpp>

#include "pincalc/report.hpp"

namespace pincalc {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json or_null(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json str_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json item_json(const Item& item, const Report& report) {
  const std::int64_t now = report.now;
  Json j;
  j["index"] = item.index;
  j["kind"] = item_kind_name(item.kind);
  j["source"] = item.source;
  j["block"] = item.block;
  j["offset"] = item.offset;
  j["label"] = item.label;
  j["role"] = role_name(item.role);
  j["chain"] = or_null(item.chain);
  j["subject"] = str_or_null(item.subject);
  j["issuer"] = str_or_null(item.issuer);
  j["serial"] = str_or_null(item.serial);
  j["not_before"] = item.not_before ? Json(format_time(*item.not_before)) : Json(nullptr);
  j["not_after"] = item.not_after ? Json(format_time(*item.not_after)) : Json(nullptr);
  if (item.not_after) {
    const std::int64_t left = *item.not_after - now;
    j["days_left"] = left >= 0 ? left / 86400 : -((-left + 86399) / 86400);
  } else {
    j["days_left"] = nullptr;
  }
  const std::optional<Validity> validity = validity_of(item, report);
  j["validity"] = validity ? Json(validity_name(*validity)) : Json(nullptr);
  j["key"] = {{"algorithm", item.key.algorithm},
              {"oid", item.key.algorithm_oid},
              {"bits", item.key.bits ? Json(item.key.bits) : Json(nullptr)},
              {"curve", str_or_null(item.key.curve)},
              {"mbedtls_supported", item.key.parsed_by_mbedtls}};
  j["signature_algorithm"] = str_or_null(item.signature_algorithm);
  j["san"] = {
      {"dns", item.san.dns}, {"ip", item.san.ip}, {"email", item.san.email}, {"uri", item.san.uri}};
  if (item.basic_constraints) {
    j["basic_constraints"] = {{"ca", item.basic_constraints->ca},
                              {"path_len", or_null(item.basic_constraints->path_len)}};
  } else {
    j["basic_constraints"] = nullptr;
  }
  j["key_usage"] = item.key_usage;
  j["ext_key_usage"] = item.ext_key_usage;
  j["subject_key_id"] = str_or_null(item.subject_key_id);
  j["authority_key_id"] = str_or_null(item.authority_key_id);
  j["self_signed"] = item.self_signed;
  j["pins"] = {{"sha256", item.pins.sha256},
               {"sha256_hex", item.pins.sha256_hex},
               {"sha256_prefixed", item.pins.sha256_prefixed},
               {"sha1", item.pins.sha1}};
  if (item.fingerprints) {
    j["fingerprints"] = {{"sha256", item.fingerprints->sha256}, {"sha1", item.fingerprints->sha1}};
  } else {
    j["fingerprints"] = nullptr;
  }
  j["from_private_key"] = item.from_private_key;
  j["same_key_as"] = or_null(item.same_key_as);
  return j;
}

}  // namespace

std::string report_to_json(const Report& report, int indent) {
  Json j;
  j["schema"] = kSchema;
  j["evaluated_at"] = format_time(report.now);
  Json items = Json::array();
  for (const Item& item : report.items) items.push_back(item_json(item, report));
  j["items"] = std::move(items);
  Json chains = Json::array();
  for (const Chain& chain : report.chains) {
    Json links = Json::array();
    for (const Link& link : chain.links) {
      links.push_back({{"child", link.child},
                       {"issuer", link.issuer},
                       {"signature_valid", or_null(link.signature_valid)}});
    }
    chains.push_back({{"items", chain.items},
                      {"links", std::move(links)},
                      {"complete", chain.complete},
                      {"top_issuer", str_or_null(chain.top_issuer)}});
  }
  j["chains"] = std::move(chains);
  Json warnings = Json::array();
  for (const Warning& w : report.warnings) {
    warnings.push_back({{"code", w.code},
                        {"severity", w.severity == Severity::kInfo ? "info" : "warning"},
                        {"items", w.items},
                        {"message", w.message}});
  }
  j["warnings"] = std::move(warnings);
  Json errors = Json::array();
  for (const Error& e : report.errors) {
    errors.push_back({{"source", e.source},
                      {"block", e.block},
                      {"offset", e.offset},
                      {"line", e.line},
                      {"code", error_code_name(e.code)},
                      {"message", e.message}});
  }
  j["errors"] = std::move(errors);
  // Invalid UTF-8 cannot reach here (names are validated), but replace rather than throw.
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace pincalc
