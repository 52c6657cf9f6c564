// name: keys_present
// params: batch (Arrow table with column k)
// template: label
// purpose: Which of these keys are stored (edge endpoints need existence, not properties).
LOAD FROM $batch
MATCH (n:{{label}} {key: k})
RETURN n.key AS key
