fn main() {
    let jieba = jieba_rs::Jieba::new();
    for s in std::env::args().skip(1) {
        let v: Vec<String> = jieba
            .tag(&s, true)
            .iter()
            .map(|t| format!("{}/{}", t.word, t.tag))
            .collect();
        println!("{}", v.join(" "));
    }
}
