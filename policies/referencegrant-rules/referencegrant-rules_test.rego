package gwpc.referencegrant_rules_test

import data.gwpc.referencegrant_rules
import rego.v1

# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------

params := {
	"unlisted": "deny",
	"rules": [
		{
			"from": {"kind": "HTTPRoute", "namespaces": ["prod"]},
			"to": {"kind": "Service", "namespaces": ["backend-*"]},
		},
		{
			"from": {"kind": "Gateway", "namespaces": ["edge"]},
			"to": {"kind": "Secret", "namespaces": ["certs"], "requireName": true},
		},
		{
			"from": {"kind": "GRPCRoute", "namespaces": ["prod", "staging"]},
			"to": {"kind": "Service", "namespaces": ["backend-grpc"]},
		},
	],
}

params_unlisted_allow := {"unlisted": "allow", "rules": params.rules}

from_entry(kind, ns) := {"group": "gateway.networking.k8s.io", "kind": kind, "namespace": ns}

to_entry(kind) := {"group": "", "kind": kind}

to_named(kind, name) := {"group": "", "kind": kind, "name": name}

grant(ns, from, to) := {
	"apiVersion": "gateway.networking.k8s.io/v1beta1",
	"kind": "ReferenceGrant",
	"metadata": {"name": "g", "namespace": ns},
	"spec": {"from": from, "to": to},
}

review_of(o) := {
	"kind": {"group": "gateway.networking.k8s.io", "version": "v1beta1", "kind": o.kind},
	"object": o,
	"name": o.metadata.name,
	"namespace": o.metadata.namespace,
}

review_op(o, op) := {
	"kind": {"group": "gateway.networking.k8s.io", "version": "v1beta1", "kind": o.kind},
	"object": o,
	"name": o.metadata.name,
	"namespace": o.metadata.namespace,
	"operation": op,
}

violations(o, p) := v if {
	v := referencegrant_rules.violation with input as {"review": review_of(o), "parameters": p}
}

only_msg(v) := m if {
	count(v) == 1
	some x in v
	m := x.msg
}

# ---------------------------------------------------------------------------
# "each pair ... must be allowed by a rule whose from.kind and from.namespaces
#  match the entry's kind and namespace, and whose to.kind and to.namespaces
#  match the entry's kind and T"
# ---------------------------------------------------------------------------

test_allowed_pair if {
	o := grant("backend-a", [from_entry("HTTPRoute", "prod")], [to_entry("Service")])
	count(violations(o, params)) == 0
}

test_wrong_from_namespace_denied if {
	o := grant("backend-a", [from_entry("HTTPRoute", "dev")], [to_entry("Service")])
	msg := only_msg(violations(o, params))
	msg == "ReferenceGrant \"backend-a/g\" from[0] (HTTPRoute in namespace \"dev\") to[0] (Service in namespace \"backend-a\"): not allowed; rules for HTTPRoute -> Service allow from namespaces [prod] to namespaces [backend-*]"
}

test_wrong_target_namespace_denied if {
	o := grant("payments", [from_entry("HTTPRoute", "prod")], [to_entry("Service")])
	count(violations(o, params)) == 1
}

test_wrong_to_kind_is_unlisted if {
	o := grant("backend-a", [from_entry("HTTPRoute", "prod")], [to_entry("Secret")])
	msg := only_msg(violations(o, params))
	msg == "ReferenceGrant \"backend-a/g\" from[0] (HTTPRoute in namespace \"prod\") to[0] (Secret in namespace \"backend-a\"): no rule lists HTTPRoute -> Secret (unlisted: deny)"
}

test_wrong_from_kind_is_unlisted if {
	o := grant("backend-a", [from_entry("TCPRoute", "prod")], [to_entry("Service")])
	msg := only_msg(violations(o, params))
	contains(msg, "no rule lists TCPRoute -> Service")
}

test_every_pair_checked if {
	# 2 from x 2 to = 4 pairs; only (HTTPRoute/prod, Service) is allowed
	o := grant("backend-a",
		[from_entry("HTTPRoute", "prod"), from_entry("HTTPRoute", "dev")],
		[to_entry("Service"), to_entry("Secret")])
	v := violations(o, params)
	count(v) == 3
}

test_one_bad_from_among_good if {
	o := grant("backend-grpc",
		[from_entry("GRPCRoute", "prod"), from_entry("GRPCRoute", "staging"), from_entry("GRPCRoute", "dev")],
		[to_entry("Service")])
	msg := only_msg(violations(o, params))
	contains(msg, "from[2] (GRPCRoute in namespace \"dev\")")
}

test_two_rules_for_same_kinds if {
	# HTTPRoute->Service and GRPCRoute->Service rules; the message lists the matching rule only
	o := grant("backend-grpc", [from_entry("GRPCRoute", "dev")], [to_entry("Service")])
	msg := only_msg(violations(o, params))
	endswith(msg, "rules for GRPCRoute -> Service allow from namespaces [prod, staging] to namespaces [backend-grpc]")
}

test_several_rules_listed_in_message if {
	p := {"rules": [
		{"from": {"kind": "HTTPRoute", "namespaces": ["a"]}, "to": {"kind": "Service", "namespaces": ["x"]}},
		{"from": {"kind": "HTTPRoute", "namespaces": ["b"]}, "to": {"kind": "Service", "namespaces": ["y"]}},
	]}
	o := grant("z", [from_entry("HTTPRoute", "a")], [to_entry("Service")])
	msg := only_msg(violations(o, p))
	endswith(msg, "allow from namespaces [a] to namespaces [x] or from namespaces [b] to namespaces [y]")
}

test_glob_kind_rule if {
	p := {"rules": [{"from": {"kind": "*", "namespaces": ["prod"]}, "to": {"kind": "Service", "namespaces": ["*"]}}]}
	o := grant("anywhere", [from_entry("TLSRoute", "prod"), from_entry("HTTPRoute", "prod")], [to_entry("Service")])
	count(violations(o, p)) == 0
}

test_absent_rule_namespaces_match_any if {
	p := {"rules": [{"from": {"kind": "HTTPRoute"}, "to": {"kind": "Service"}}]}
	o := grant("anywhere", [from_entry("HTTPRoute", "any")], [to_entry("Service")])
	count(violations(o, p)) == 0
}

# ---------------------------------------------------------------------------
# "with requireName, a to[] entry without name is denied"
# ---------------------------------------------------------------------------

test_require_name_with_name_allowed if {
	o := grant("certs", [from_entry("Gateway", "edge")], [to_named("Secret", "wildcard-tls")])
	count(violations(o, params)) == 0
}

test_require_name_without_name_denied if {
	o := grant("certs", [from_entry("Gateway", "edge")], [to_entry("Secret")])
	msg := only_msg(violations(o, params))
	msg == "ReferenceGrant \"certs/g\" from[0] (Gateway in namespace \"edge\") to[0] (Secret in namespace \"certs\"): a rule allows Secret only with a name (requireName), and to[0] has no name"
}

test_require_name_empty_name_denied if {
	o := grant("certs", [from_entry("Gateway", "edge")], [to_named("Secret", "")])
	count(violations(o, params)) == 1
}

test_require_name_satisfied_by_other_rule if {
	p := {"rules": [
		{"from": {"kind": "Gateway", "namespaces": ["edge"]}, "to": {"kind": "Secret", "namespaces": ["certs"], "requireName": true}},
		{"from": {"kind": "Gateway", "namespaces": ["edge"]}, "to": {"kind": "Secret", "namespaces": ["certs"], "requireName": false}},
	]}
	o := grant("certs", [from_entry("Gateway", "edge")], [to_entry("Secret")])
	count(violations(o, p)) == 0
}

test_require_name_wrong_namespace_reports_namespaces if {
	o := grant("certs", [from_entry("Gateway", "team-a")], [to_entry("Secret")])
	msg := only_msg(violations(o, params))
	contains(msg, "not allowed; rules for Gateway -> Secret")
}

# ---------------------------------------------------------------------------
# "unlisted: deny | allow"
# ---------------------------------------------------------------------------

test_unlisted_allow_allows_unnamed_pairs if {
	o := grant("backend-a", [from_entry("TCPRoute", "dev")], [to_entry("ConfigMap")])
	count(violations(o, params_unlisted_allow)) == 0
}

test_unlisted_allow_still_enforces_named_pairs if {
	o := grant("backend-a", [from_entry("HTTPRoute", "dev")], [to_entry("Service")])
	count(violations(o, params_unlisted_allow)) == 1
}

test_unlisted_allow_still_requires_name if {
	o := grant("certs", [from_entry("Gateway", "edge")], [to_entry("Secret")])
	count(violations(o, params_unlisted_allow)) == 1
}

test_unlisted_defaults_to_deny if {
	o := grant("backend-a", [from_entry("TCPRoute", "dev")], [to_entry("Service")])
	count(violations(o, {})) == 1
}

test_no_parameters_denies_every_pair if {
	o := grant("backend-a", [from_entry("HTTPRoute", "prod")], [to_entry("Service"), to_entry("Secret")])
	v := referencegrant_rules.violation with input as {"review": review_of(o)}
	count(v) == 2
}

# ---------------------------------------------------------------------------
# Details, operations, kinds
# ---------------------------------------------------------------------------

test_details if {
	o := grant("payments", [from_entry("HTTPRoute", "prod")], [to_named("Service", "api")])
	v := violations(o, params)
	some x in v
	x.details.namespace == "payments"
	x.details.from == from_entry("HTTPRoute", "prod")
	x.details.to == to_named("Service", "api")
}

test_delete_not_checked if {
	o := grant("payments", [from_entry("HTTPRoute", "dev")], [to_entry("Service")])
	count(referencegrant_rules.violation) == 0 with input as {"review": review_op(o, "DELETE"), "parameters": params}
}

test_create_checked if {
	o := grant("payments", [from_entry("HTTPRoute", "dev")], [to_entry("Service")])
	count(referencegrant_rules.violation) == 1 with input as {"review": review_op(o, "CREATE"), "parameters": params}
}

test_other_kind_ignored if {
	o := {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "r", "namespace": "x"}, "spec": {"from": [from_entry("HTTPRoute", "dev")], "to": [to_entry("Service")]}}
	count(violations(o, params)) == 0
}
