package gwpc.route_binding_test

import data.gwpc.route_binding
import rego.v1

# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------

params := {
	"allowedSelectorLabels": ["kubernetes.io/metadata.name", "team"],
	"bannedSelectorLabels": ["env", "team"],
	"allowedOperators": ["In"],
	"fromAllNamespaces": ["edge", "shared-*"],
}

listener(name, namespaces) := {
	"name": name,
	"port": 80,
	"protocol": "HTTP",
	"allowedRoutes": {"namespaces": namespaces},
}

plain_listener(name) := {"name": name, "port": 80, "protocol": "HTTP"}

gateway(ns, listeners) := {
	"apiVersion": "gateway.networking.k8s.io/v1",
	"kind": "Gateway",
	"metadata": {"name": "gw", "namespace": ns},
	"spec": {"gatewayClassName": "public", "listeners": listeners},
}

gateway_allowed_listeners(ns, namespaces) := {
	"apiVersion": "gateway.networking.k8s.io/v1",
	"kind": "Gateway",
	"metadata": {"name": "gw", "namespace": ns},
	"spec": {
		"gatewayClassName": "public",
		"listeners": [plain_listener("http")],
		"allowedListeners": {"namespaces": namespaces},
	},
}

listener_set(kind, ns, listeners) := {
	"apiVersion": "gateway.networking.k8s.io/v1",
	"kind": kind,
	"metadata": {"name": "ls", "namespace": ns},
	"spec": {"parentRef": {"name": "gw", "namespace": "edge"}, "listeners": listeners},
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

violations(o, p) := v if {
	v := route_binding.violation with input as {"review": review_of(o), "parameters": p}
}

only_msg(v) := m if {
	count(v) == 1
	some x in v
	m := x.msg
}

selector_in(values) := {"from": "Selector", "selector": {"matchExpressions": [{
	"key": "kubernetes.io/metadata.name",
	"operator": "In",
	"values": values,
}]}}

# ---------------------------------------------------------------------------
# "Same (and the default, absent) is always allowed"
# ---------------------------------------------------------------------------

test_same_allowed if {
	count(violations(gateway("team-a", [listener("http", {"from": "Same"})]), params)) == 0
}

test_absent_allowed_routes_allowed if {
	count(violations(gateway("team-a", [plain_listener("http")]), params)) == 0
}

test_absent_from_allowed if {
	count(violations(gateway("team-a", [listener("http", {})]), params)) == 0
}

test_no_listeners_allowed if {
	o := {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "metadata": {"name": "gw", "namespace": "team-a"}, "spec": {"gatewayClassName": "c"}}
	count(violations(o, params)) == 0
}

# ---------------------------------------------------------------------------
# "from: All is allowed only for Gateways in fromAll.namespaces"
# ---------------------------------------------------------------------------

test_from_all_denied_outside_from_all_namespaces if {
	msg := only_msg(violations(gateway("team-a", [listener("http", {"from": "All"})]), params))
	msg == "Gateway \"team-a/gw\" listener \"http\": from: All is only allowed in namespaces [edge, shared-*]"
}

test_from_all_allowed_in_listed_namespace if {
	count(violations(gateway("edge", [listener("http", {"from": "All"})]), params)) == 0
}

test_from_all_allowed_in_glob_namespace if {
	count(violations(gateway("shared-1", [listener("http", {"from": "All"})]), params)) == 0
}

test_from_all_denied_by_default if {
	msg := only_msg(violations(gateway("edge", [listener("http", {"from": "All"})]), {}))
	contains(msg, "from: All is only allowed in namespaces []")
}

# ---------------------------------------------------------------------------
# "an empty or missing selector selects every namespace and is treated as from: All"
# ---------------------------------------------------------------------------

test_empty_selector_denied if {
	msg := only_msg(violations(gateway("team-a", [listener("http", {"from": "Selector", "selector": {}})]), params))
	contains(msg, "listener \"http\": an empty selector selects every namespace (treated as from: All)")
}

test_missing_selector_denied if {
	count(violations(gateway("team-a", [listener("http", {"from": "Selector"})]), params)) == 1
}

test_null_selector_denied if {
	count(violations(gateway("team-a", [listener("http", {"from": "Selector", "selector": null})]), params)) == 1
}

test_empty_match_lists_denied if {
	ns := {"from": "Selector", "selector": {"matchLabels": {}, "matchExpressions": []}}
	count(violations(gateway("team-a", [listener("http", ns)]), params)) == 1
}

test_empty_selector_allowed_where_from_all_is if {
	count(violations(gateway("edge", [listener("http", {"from": "Selector", "selector": {}})]), params)) == 0
}

# ---------------------------------------------------------------------------
# "every matchLabels key and every matchExpressions key must be in
#  allowedSelectorLabels and not in bannedSelectorLabels"
# ---------------------------------------------------------------------------

test_metadata_name_match_labels_allowed if {
	ns := {"from": "Selector", "selector": {"matchLabels": {"kubernetes.io/metadata.name": "team-b"}}}
	count(violations(gateway("team-a", [listener("http", ns)]), params)) == 0
}

test_metadata_name_in_allowed if {
	count(violations(gateway("team-a", [listener("http", selector_in(["foo", "bar"]))]), params)) == 0
}

test_unlisted_label_in_match_labels_denied if {
	ns := {"from": "Selector", "selector": {"matchLabels": {"gateway-access": "yes"}}}
	msg := only_msg(violations(gateway("team-a", [listener("http", ns)]), params))
	msg == "Gateway \"team-a/gw\" listener \"http\": selector label key \"gateway-access\" in matchLabels is not allowed (allowed keys: [kubernetes.io/metadata.name, team])"
}

test_banned_label_in_match_labels_denied if {
	ns := {"from": "Selector", "selector": {"matchLabels": {"env": "prod"}}}
	msg := only_msg(violations(gateway("team-a", [listener("http", ns)]), params))
	contains(msg, "selector label key \"env\" in matchLabels is banned")
}

test_banned_wins_over_allowed if {
	# "team" is both allowed and banned: banned wins
	ns := {"from": "Selector", "selector": {"matchLabels": {"team": "a"}}}
	msg := only_msg(violations(gateway("team-a", [listener("http", ns)]), params))
	contains(msg, "selector label key \"team\" in matchLabels is banned")
	not contains(msg, "not allowed")
}

test_banned_key_in_match_expressions_denied if {
	ns := {"from": "Selector", "selector": {"matchExpressions": [{"key": "env", "operator": "In", "values": ["prod"]}]}}
	msg := only_msg(violations(gateway("team-a", [listener("http", ns)]), params))
	msg == "Gateway \"team-a/gw\" listener \"http\": selector label key \"env\" in matchExpressions is banned"
}

test_unlisted_key_in_match_expressions_denied if {
	ns := {"from": "Selector", "selector": {"matchExpressions": [{"key": "tier", "operator": "In", "values": ["x"]}]}}
	msg := only_msg(violations(gateway("team-a", [listener("http", ns)]), params))
	contains(msg, "selector label key \"tier\" in matchExpressions is not allowed")
}

test_allowed_key_plus_banned_key_denied if {
	ns := {"from": "Selector", "selector": {
		"matchLabels": {"kubernetes.io/metadata.name": "team-b"},
		"matchExpressions": [{"key": "env", "operator": "In", "values": ["prod"]}],
	}}
	count(violations(gateway("team-a", [listener("http", ns)]), params)) == 1
}

test_default_allowed_labels_only_metadata_name if {
	ok := {"from": "Selector", "selector": {"matchLabels": {"kubernetes.io/metadata.name": "team-b"}}}
	count(violations(gateway("team-a", [listener("http", ok)]), {})) == 0
	bad := {"from": "Selector", "selector": {"matchLabels": {"team": "b"}}}
	count(violations(gateway("team-a", [listener("http", bad)]), {})) == 1
}

# ---------------------------------------------------------------------------
# "every operator must be in allowedOperators"
# ---------------------------------------------------------------------------

test_exists_on_metadata_name_denied if {
	ns := {"from": "Selector", "selector": {"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "Exists"}]}}
	msg := only_msg(violations(gateway("team-a", [listener("http", ns)]), params))
	msg == "Gateway \"team-a/gw\" listener \"http\": selector operator \"Exists\" on key \"kubernetes.io/metadata.name\" is not allowed (allowed operators: [In])"
}

test_not_in_on_metadata_name_denied if {
	ns := {"from": "Selector", "selector": {"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "NotIn", "values": ["kube-system"]}]}}
	msg := only_msg(violations(gateway("team-a", [listener("http", ns)]), params))
	contains(msg, "selector operator \"NotIn\"")
}

test_does_not_exist_denied if {
	ns := {"from": "Selector", "selector": {"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "DoesNotExist"}]}}
	count(violations(gateway("team-a", [listener("http", ns)]), params)) == 1
}

test_not_in_allowed_when_configured if {
	p := {"allowedOperators": ["In", "NotIn"]}
	ns := {"from": "Selector", "selector": {"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "NotIn", "values": ["a"]}]}}
	count(violations(gateway("team-a", [listener("http", ns)]), p)) == 0
}

test_several_problems_one_violation if {
	ns := {"from": "Selector", "selector": {
		"matchLabels": {"env": "prod"},
		"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "Exists"}],
	}}
	v := violations(gateway("team-a", [listener("http", ns)]), params)
	count(v) == 1
	some x in v
	count(x.details.reasons) == 2
	x.details.target == "listener \"http\""
}

# ---------------------------------------------------------------------------
# "One violation per offending listener, naming it"
# ---------------------------------------------------------------------------

test_two_listeners_only_one_bad if {
	v := violations(gateway("team-a", [
		listener("good", selector_in(["team-b"])),
		listener("bad", {"from": "All"}),
	]), params)
	count(v) == 1
	msg := only_msg(v)
	contains(msg, "listener \"bad\"")
	not contains(msg, "listener \"good\"")
}

test_two_bad_listeners_two_violations if {
	v := violations(gateway("team-a", [
		listener("a", {"from": "All"}),
		listener("b", {"from": "Selector", "selector": {}}),
	]), params)
	count(v) == 2
}

test_unsupported_from_denied if {
	msg := only_msg(violations(gateway("team-a", [listener("http", {"from": "Everywhere"})]), params))
	contains(msg, "unsupported from value \"Everywhere\"")
}

# ---------------------------------------------------------------------------
# "The same rules apply to a Gateway's spec.allowedListeners.namespaces"
# ---------------------------------------------------------------------------

test_allowed_listeners_none_allowed if {
	count(violations(gateway_allowed_listeners("team-a", {"from": "None"}), params)) == 0
}

test_allowed_listeners_same_allowed if {
	count(violations(gateway_allowed_listeners("team-a", {"from": "Same"}), params)) == 0
}

test_allowed_listeners_all_denied if {
	msg := only_msg(violations(gateway_allowed_listeners("team-a", {"from": "All"}), params))
	msg == "Gateway \"team-a/gw\" allowedListeners: from: All is only allowed in namespaces [edge, shared-*]"
}

test_allowed_listeners_all_allowed_in_edge if {
	count(violations(gateway_allowed_listeners("edge", {"from": "All"}), params)) == 0
}

test_allowed_listeners_empty_selector_denied if {
	count(violations(gateway_allowed_listeners("team-a", {"from": "Selector", "selector": {}}), params)) == 1
}

test_allowed_listeners_banned_label_denied if {
	ns := {"from": "Selector", "selector": {"matchLabels": {"env": "prod"}}}
	msg := only_msg(violations(gateway_allowed_listeners("team-a", ns), params))
	contains(msg, "allowedListeners: selector label key \"env\" in matchLabels is banned")
}

test_allowed_listeners_good_selector_allowed if {
	count(violations(gateway_allowed_listeners("team-a", selector_in(["team-b"])), params)) == 0
}

# ---------------------------------------------------------------------------
# "... and to the listeners of ListenerSets"
# ---------------------------------------------------------------------------

test_listener_set_from_all_denied if {
	msg := only_msg(violations(listener_set("ListenerSet", "team-a", [listener("extra", {"from": "All"})]), params))
	msg == "ListenerSet \"team-a/ls\" listener \"extra\": from: All is only allowed in namespaces [edge, shared-*]"
}

test_listener_set_good_selector_allowed if {
	count(violations(listener_set("ListenerSet", "team-a", [listener("extra", selector_in(["team-b"]))]), params)) == 0
}

test_listener_set_banned_expression_denied if {
	ns := {"from": "Selector", "selector": {"matchExpressions": [{"key": "env", "operator": "In", "values": ["a"]}]}}
	count(violations(listener_set("ListenerSet", "team-a", [listener("extra", ns)]), params)) == 1
}

test_experimental_listener_set_checked if {
	count(violations(listener_set("XListenerSet", "team-a", [listener("extra", {"from": "All"})]), params)) == 1
}

test_listener_set_has_no_allowed_listeners if {
	o := {
		"apiVersion": "gateway.networking.k8s.io/v1",
		"kind": "ListenerSet",
		"metadata": {"name": "ls", "namespace": "team-a"},
		"spec": {"parentRef": {"name": "gw"}, "listeners": [plain_listener("x")], "allowedListeners": {"namespaces": {"from": "All"}}},
	}
	count(violations(o, params)) == 0
}

# ---------------------------------------------------------------------------
# Operations and kinds
# ---------------------------------------------------------------------------

test_delete_not_checked if {
	o := gateway("team-a", [listener("http", {"from": "All"})])
	count(route_binding.violation) == 0 with input as {"review": review_op(o, "DELETE"), "parameters": params}
}

test_update_checked if {
	o := gateway("team-a", [listener("http", {"from": "All"})])
	count(route_binding.violation) == 1 with input as {"review": review_op(o, "UPDATE"), "parameters": params}
}

test_other_kind_ignored if {
	o := {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "r", "namespace": "team-a"}, "spec": {"listeners": [listener("http", {"from": "All"})]}}
	count(violations(o, params)) == 0
}
