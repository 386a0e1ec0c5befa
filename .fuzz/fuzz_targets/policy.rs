//! libFuzzer target: the bytes are one of the organisation's Rego modules.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    nis2check_fuzz::policy_one(data);
});
