// Benchmarks land here; `npm run bench` runs this file.
console.log('no benchmarks yet');
