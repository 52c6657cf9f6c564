// name: keys_present
// params: keys
// template: label
// purpose: Which of these keys are stored, as one list (edge endpoints need existence, not properties).
UNWIND $keys AS k
MATCH (n:{{label}} {key: k})
RETURN collect(k) AS found
