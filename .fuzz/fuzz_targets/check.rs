//! libFuzzer target: the bytes are a small repository (see `nis2check_fuzz::split`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    nis2check_fuzz::check_one(data);
});
