# GwpcGatewayClassNamespaces: which namespaces may use which GatewayClass.
#
# A Gateway in namespace N naming spec.gatewayClassName C is allowed iff some
# rule's className matches C and N matches one of the rule's namespaces (globs)
# or carries every label of the rule's namespaceSelector.matchLabels (labels of
# the synced Namespace N in data.inventory, else of input.review.namespaceObject).
# A class that no rule names is denied iff parameters.unlisted == "deny"
# (the default). Checked on CREATE, UPDATE and audit (no operation).
package gwpc.gatewayclass_namespaces

import rego.v1

# ---------------------------------------------------------------------------
# Violations
# ---------------------------------------------------------------------------

violation contains {"msg": msg, "details": details} if {
	checked
	listed
	not allowed
	msg := sprintf("%v: allowed namespaces: %v%v%v", [
		message_prefix,
		allowed_namespaces_text,
		selectors_text,
		unsynced_text,
	])
	details := {
		"gatewayClassName": gateway_class,
		"namespace": namespace,
		"allowedNamespaces": allowed_namespaces,
		"allowedNamespaceSelectors": selector_texts,
	}
}

violation contains {"msg": msg, "details": details} if {
	checked
	not listed
	unlisted == "deny"
	msg := sprintf("%v: no rule lists this GatewayClass (unlisted: deny)", [message_prefix])
	details := {
		"gatewayClassName": gateway_class,
		"namespace": namespace,
		"allowedNamespaces": [],
		"allowedNamespaceSelectors": [],
	}
}

message_prefix := sprintf("Gateway %v in namespace %v may not use GatewayClass %v", [
	quote(name),
	quote(namespace),
	quote(gateway_class),
])

# ---------------------------------------------------------------------------
# The decision
# ---------------------------------------------------------------------------

checked if {
	review_kind == "Gateway"
	checked_operation
}

gateway_class := str_field(obj_field(obj, "spec"), "gatewayClassName", "")

unlisted := str_field(params, "unlisted", "deny")

rules := [r | some r in arr_field(params, "rules"); is_object(r)]

# The rules whose className matches the Gateway's class.
matching_rules := [r |
	some r in rules
	glob_ok(str_field(r, "className", ""), gateway_class)
]

listed if {
	count(matching_rules) > 0
}

allowed if {
	some r in matching_rules
	rule_allows(r)
}

rule_allows(r) if {
	some p in arr_field(r, "namespaces")
	is_string(p)
	glob_ok(p, namespace)
}

rule_allows(r) if {
	match_labels := selector_labels(r)
	count(match_labels) > 0
	labels := namespace_labels
	not labels_mismatch(match_labels, labels)
}

selector_labels(r) := obj_field(obj_field(r, "namespaceSelector"), "matchLabels")

labels_mismatch(match_labels, labels) if {
	some k, v in match_labels
	not object.get(labels, k, null) == v
}

# Labels of Namespace N: the synced copy in data.inventory first, else the
# namespaceObject Gatekeeper adds to the review. Undefined when neither exists.
inventory_namespace := ns if {
	ns := data.inventory.cluster.v1.Namespace[namespace]
	is_object(ns)
}

namespace_labels := obj_field(obj_field(ns, "metadata"), "labels") if {
	ns := inventory_namespace
}

namespace_labels := obj_field(obj_field(ns, "metadata"), "labels") if {
	not inventory_namespace
	ns := review_namespace_object
}

review_namespace_object := ns if {
	ns := object.get(review, "namespaceObject", null)
	is_object(ns)
	str_field(obj_field(ns, "metadata"), "name", "") == namespace
}

namespace_labels_known if {
	is_object(namespace_labels)
}

# ---------------------------------------------------------------------------
# Message parts
# ---------------------------------------------------------------------------

allowed_namespaces := sort({p |
	some r in matching_rules
	some p in arr_field(r, "namespaces")
	is_string(p)
})

allowed_namespaces_text := "none" if {
	count(allowed_namespaces) == 0
}

allowed_namespaces_text := concat(", ", allowed_namespaces) if {
	count(allowed_namespaces) > 0
}

selector_texts := sort({t |
	some r in matching_rules
	match_labels := selector_labels(r)
	count(match_labels) > 0
	t := selector_text(match_labels)
})

selector_text(match_labels) := concat(",", sort([s |
	some k, v in match_labels
	s := sprintf("%v=%v", [k, v])
]))

selectors_text := "" if {
	count(selector_texts) == 0
}

selectors_text := concat("", ["; or namespaces labelled ", concat(" or ", selector_texts)]) if {
	count(selector_texts) > 0
}

unsynced_text := "" if {
	count(selector_texts) == 0
}

unsynced_text := "" if {
	namespace_labels_known
}

unsynced_text := concat("", [" (Namespace ", quote(namespace), " is not synced, so its labels are unknown)"]) if {
	count(selector_texts) > 0
	not namespace_labels_known
}

# ---------------------------------------------------------------------------
# Input accessors (shared shape across gwpc policies)
# ---------------------------------------------------------------------------

review := obj_field(input, "review")

obj := obj_field(review, "object")

meta := obj_field(obj, "metadata")

params := obj_field(input, "parameters")

review_kind := k if {
	k := str_field(obj_field(review, "kind"), "kind", "")
	k != ""
}

review_kind := str_field(obj, "kind", "") if {
	str_field(obj_field(review, "kind"), "kind", "") == ""
}

namespace := ns if {
	ns := str_field(meta, "namespace", "")
	ns != ""
}

namespace := str_field(review, "namespace", "") if {
	str_field(meta, "namespace", "") == ""
}

name := n if {
	n := str_field(meta, "name", "")
	n != ""
}

name := str_field(review, "name", "") if {
	str_field(meta, "name", "") == ""
}

# CREATE, UPDATE, and audit / gator objects (no operation). Never DELETE or CONNECT.
checked_operation if {
	str_field(review, "operation", "") in {"", "CREATE", "UPDATE"}
}

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

# `*`-only glob over names. glob.match treats "." as a delimiter when given
# [], so dots are mapped to "_" (which no Kubernetes name, kind or gwpc glob
# contains) on both sides first: `*` then matches any run of characters.
glob_ok(pattern, value) if {
	pattern == value
}

glob_ok(pattern, value) if {
	pattern != value
	glob.match(concat("_", split(pattern, ".")), [], concat("_", split(value, ".")))
}

quote(s) := concat("", ["\"", s, "\""])

obj_field(o, k) := v if {
	v := object.get(o, k, {})
	is_object(v)
}

obj_field(o, k) := {} if {
	not is_object(object.get(o, k, {}))
}

arr_field(o, k) := v if {
	v := object.get(o, k, [])
	is_array(v)
}

arr_field(o, k) := [] if {
	not is_array(object.get(o, k, []))
}

str_field(o, k, d) := v if {
	v := object.get(o, k, d)
	is_string(v)
}

str_field(o, k, d) := d if {
	not is_string(object.get(o, k, d))
}
