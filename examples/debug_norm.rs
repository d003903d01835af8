fn main() {
    let p = std::env::args().nth(1).unwrap();
    let t = std::fs::read_to_string(p).unwrap();
    let n = zhclaims::normalize::normalize(&t);
    println!("{}", n.text());
    for m in zhclaims::numeral::scan(n.text()) {
        println!("{:?} {}", &n.text()[m.start..m.end], m.value);
    }
}
