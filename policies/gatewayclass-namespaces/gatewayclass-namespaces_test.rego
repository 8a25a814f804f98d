package gwpc.gatewayclass_namespaces_test

import data.gwpc.gatewayclass_namespaces
import rego.v1

# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------

params := {
	"unlisted": "deny",
	"rules": [
		{
			"className": "public",
			"namespaces": ["edge", "team-*-ingress"],
			"namespaceSelector": {"matchLabels": {"gateway.acme.io/public": "true"}},
		},
		{"className": "internal", "namespaces": ["*"]},
		{"className": "shared-*", "namespaces": ["shared"]},
		{"className": "shared-gold", "namespaces": ["gold"]},
		{"className": "acme.io-*", "namespaces": ["acme"]},
		{"className": "labelled-only", "namespaceSelector": {"matchLabels": {"tier": "gold", "env": "prod"}}},
	],
}

gateway(ns, class) := {
	"apiVersion": "gateway.networking.k8s.io/v1",
	"kind": "Gateway",
	"metadata": {"name": "gw", "namespace": ns},
	"spec": {
		"gatewayClassName": class,
		"listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}],
	},
}

review_of(o) := {
	"kind": {"group": "gateway.networking.k8s.io", "version": "v1", "kind": o.kind},
	"object": o,
	"name": o.metadata.name,
	"namespace": o.metadata.namespace,
}

review_op(o, op) := {
	"kind": {"group": "gateway.networking.k8s.io", "version": "v1", "kind": o.kind},
	"object": o,
	"name": o.metadata.name,
	"namespace": o.metadata.namespace,
	"operation": op,
}

review_with_ns_object(o, ns_obj) := {
	"kind": {"group": "gateway.networking.k8s.io", "version": "v1", "kind": o.kind},
	"object": o,
	"name": o.metadata.name,
	"namespace": o.metadata.namespace,
	"namespaceObject": ns_obj,
}

inp(o, p) := {"review": review_of(o), "parameters": p}

params_unlisted_allow := {"unlisted": "allow", "rules": params.rules}

namespace_obj(name, labels) := {
	"apiVersion": "v1",
	"kind": "Namespace",
	"metadata": {"name": name, "labels": labels},
}

inventory(name, labels) := {"cluster": {"v1": {"Namespace": {name: namespace_obj(name, labels)}}}}

violations(o, p) := v if {
	v := gatewayclass_namespaces.violation with input as inp(o, p)
}

violations_inv(o, p, inv) := v if {
	v := gatewayclass_namespaces.violation with input as inp(o, p) with data.inventory as inv
}

only_msg(v) := m if {
	count(v) == 1
	some x in v
	m := x.msg
}

# ---------------------------------------------------------------------------
# "allowed iff some rule's className matches C and N matches the rule's namespaces"
# ---------------------------------------------------------------------------

test_exact_namespace_allowed if {
	count(violations(gateway("edge", "public"), params)) == 0
}

test_glob_namespace_allowed if {
	count(violations(gateway("team-a-ingress", "public"), params)) == 0
}

test_glob_namespace_needs_both_ends if {
	count(violations(gateway("team-a", "public"), params)) == 1
	count(violations(gateway("x-team-a-ingress", "public"), params)) == 1
}

test_unlisted_namespace_denied if {
	v := violations(gateway("team-b", "public"), params)
	count(v) == 1
}

test_star_rule_allows_every_namespace if {
	count(violations(gateway("anything", "internal"), params)) == 0
	count(violations(gateway("kube-public", "internal"), params)) == 0
}

test_class_glob_matches if {
	count(violations(gateway("shared", "shared-blue"), params)) == 0
}

test_class_glob_wrong_namespace_denied if {
	count(violations(gateway("team-a", "shared-blue"), params)) == 1
}

test_class_glob_does_not_match_prefix_only if {
	# "shared" is not matched by "shared-*": unlisted, denied by unlisted: deny
	msg := only_msg(violations(gateway("shared", "shared"), params))
	contains(msg, "no rule lists this GatewayClass")
}

test_two_rules_for_one_class_either_allows if {
	# shared-gold matches "shared-*" (namespace shared) and "shared-gold" (namespace gold)
	count(violations(gateway("shared", "shared-gold"), params)) == 0
	count(violations(gateway("gold", "shared-gold"), params)) == 0
	count(violations(gateway("team-a", "shared-gold"), params)) == 1
}

test_two_rules_message_lists_all_namespaces if {
	msg := only_msg(violations(gateway("team-a", "shared-gold"), params))
	contains(msg, "allowed namespaces: gold, shared")
}

test_dotted_class_name_glob if {
	# the class name is a DNS subdomain: "*" must cross the dot
	count(violations(gateway("acme", "acme.io-public.v2"), params)) == 0
	count(violations(gateway("other", "acme.io-public.v2"), params)) == 1
}

# ---------------------------------------------------------------------------
# "or its namespaceSelector (labels read from the synced Namespace N)"
# ---------------------------------------------------------------------------

test_selector_matches_synced_namespace if {
	inv := inventory("team-b", {"gateway.acme.io/public": "true", "kubernetes.io/metadata.name": "team-b"})
	count(violations_inv(gateway("team-b", "public"), params, inv)) == 0
}

test_selector_wrong_value_denied if {
	inv := inventory("team-b", {"gateway.acme.io/public": "false"})
	count(violations_inv(gateway("team-b", "public"), params, inv)) == 1
}

test_selector_missing_label_denied if {
	inv := inventory("team-b", {"other": "true"})
	count(violations_inv(gateway("team-b", "public"), params, inv)) == 1
}

test_selector_namespace_without_labels_denied if {
	inv := {"cluster": {"v1": {"Namespace": {"team-b": {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-b"}}}}}}
	count(violations_inv(gateway("team-b", "public"), params, inv)) == 1
}

test_selector_all_labels_required if {
	both := inventory("team-c", {"tier": "gold", "env": "prod"})
	count(violations_inv(gateway("team-c", "labelled-only"), params, both)) == 0
	one := inventory("team-c", {"tier": "gold"})
	count(violations_inv(gateway("team-c", "labelled-only"), params, one)) == 1
}

test_selector_other_namespace_synced_does_not_count if {
	inv := inventory("edge-2", {"gateway.acme.io/public": "true"})
	count(violations_inv(gateway("team-b", "public"), params, inv)) == 1
}

test_selector_unsynced_namespace_denied_with_hint if {
	msg := only_msg(violations(gateway("team-b", "public"), params))
	contains(msg, "Namespace \"team-b\" is not synced")
}

test_selector_synced_namespace_no_hint if {
	inv := inventory("team-b", {"gateway.acme.io/public": "false"})
	msg := only_msg(violations_inv(gateway("team-b", "public"), params, inv))
	not contains(msg, "not synced")
}

test_selector_from_namespace_object if {
	o := gateway("team-b", "public")
	r := review_with_ns_object(o, namespace_obj("team-b", {"gateway.acme.io/public": "true"}))
	v := gatewayclass_namespaces.violation with input as {"review": r, "parameters": params}
	count(v) == 0
}

test_namespace_object_of_other_namespace_ignored if {
	o := gateway("team-b", "public")
	r := review_with_ns_object(o, namespace_obj("edge", {"gateway.acme.io/public": "true"}))
	v := gatewayclass_namespaces.violation with input as {"review": r, "parameters": params}
	count(v) == 1
}

test_empty_selector_matches_nothing if {
	p := {"rules": [{"className": "c", "namespaceSelector": {"matchLabels": {}}}]}
	inv := inventory("team-b", {"a": "b"})
	count(violations_inv(gateway("team-b", "c"), p, inv)) == 1
}

# ---------------------------------------------------------------------------
# "A class that no rule names: denied when unlisted: deny"
# ---------------------------------------------------------------------------

test_unlisted_class_denied if {
	msg := only_msg(violations(gateway("edge", "rogue"), params))
	msg == "Gateway \"gw\" in namespace \"edge\" may not use GatewayClass \"rogue\": no rule lists this GatewayClass (unlisted: deny)"
}

test_unlisted_class_allowed_when_unlisted_allow if {
	count(violations(gateway("edge", "rogue"), params_unlisted_allow)) == 0
}

test_unlisted_allow_still_enforces_listed_classes if {
	count(violations(gateway("team-b", "public"), params_unlisted_allow)) == 1
}

test_unlisted_defaults_to_deny if {
	p := {"rules": [{"className": "public", "namespaces": ["edge"]}]}
	count(violations(gateway("edge", "rogue"), p)) == 1
}

test_no_parameters_denies_every_class if {
	v := gatewayclass_namespaces.violation with input as {"review": review_of(gateway("edge", "public"))}
	count(v) == 1
}

test_missing_class_name_is_unlisted if {
	o := {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "metadata": {"name": "gw", "namespace": "edge"}, "spec": {}}
	msg := only_msg(violations(o, params))
	contains(msg, "GatewayClass \"\"")
}

# ---------------------------------------------------------------------------
# "The message names the class, the namespace and the namespaces that may use it"
# ---------------------------------------------------------------------------

test_message_names_class_namespace_and_allowed if {
	inv := inventory("team-b", {})
	msg := only_msg(violations_inv(gateway("team-b", "public"), params, inv))
	msg == "Gateway \"gw\" in namespace \"team-b\" may not use GatewayClass \"public\": allowed namespaces: edge, team-*-ingress; or namespaces labelled gateway.acme.io/public=true"
}

test_message_without_namespaces if {
	inv := inventory("team-c", {})
	msg := only_msg(violations_inv(gateway("team-c", "labelled-only"), params, inv))
	msg == "Gateway \"gw\" in namespace \"team-c\" may not use GatewayClass \"labelled-only\": allowed namespaces: none; or namespaces labelled env=prod,tier=gold"
}

test_details if {
	v := violations(gateway("team-b", "shared-x"), params)
	some x in v
	x.details.gatewayClassName == "shared-x"
	x.details.namespace == "team-b"
	x.details.allowedNamespaces == ["shared"]
	x.details.allowedNamespaceSelectors == []
}

# ---------------------------------------------------------------------------
# Review plumbing: namespace fallback, kinds, operations
# ---------------------------------------------------------------------------

test_namespace_from_review_when_object_has_none if {
	o := {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "metadata": {"name": "gw"}, "spec": {"gatewayClassName": "public"}}
	r := {"kind": {"group": "gateway.networking.k8s.io", "version": "v1", "kind": "Gateway"}, "object": o, "name": "gw", "namespace": "edge", "operation": "CREATE"}
	v := gatewayclass_namespaces.violation with input as {"review": r, "parameters": params}
	count(v) == 0
	r2 := {"kind": r.kind, "object": o, "name": "gw", "namespace": "team-b", "operation": "CREATE"}
	v2 := gatewayclass_namespaces.violation with input as {"review": r2, "parameters": params}
	count(v2) == 1
}

test_create_and_update_checked if {
	r := review_op(gateway("team-b", "public"), "CREATE")
	count(gatewayclass_namespaces.violation) == 1 with input as {"review": r, "parameters": params}
	u := review_op(gateway("team-b", "public"), "UPDATE")
	count(gatewayclass_namespaces.violation) == 1 with input as {"review": u, "parameters": params}
}

test_delete_not_checked if {
	r := review_op(gateway("team-b", "public"), "DELETE")
	count(gatewayclass_namespaces.violation) == 0 with input as {"review": r, "parameters": params}
}

test_other_kinds_ignored if {
	o := {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "gw", "namespace": "team-b"}, "spec": {"gatewayClassName": "public"}}
	count(violations(o, params)) == 0
}

test_v1beta1_gateway_checked if {
	o := {"apiVersion": "gateway.networking.k8s.io/v1beta1", "kind": "Gateway", "metadata": {"name": "gw", "namespace": "team-b"}, "spec": {"gatewayClassName": "public"}}
	r := {"kind": {"group": "gateway.networking.k8s.io", "version": "v1beta1", "kind": "Gateway"}, "object": o, "name": "gw", "namespace": "team-b"}
	count(gatewayclass_namespaces.violation) == 1 with input as {"review": r, "parameters": params}
}
