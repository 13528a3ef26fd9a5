// Files the user names are read as untrusted: regular files only (a FIFO must
// not hang, /dev/zero must not fill memory) and never more than the limit.
#include "core/boundedfile.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

#include <sys/stat.h>

using namespace dd;
using namespace Qt::Literals::StringLiterals;

class TestBoundedFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void regularFile();
    void refusals_data();
    void refusals();
    void stream();
};

void TestBoundedFile::regularFile()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(u"payload.json"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"a\":1}");
    f.close();
    auto read = readBoundedFile(f.fileName(), 7);
    QVERIFY(read.has_value());
    QCOMPARE(*read, QByteArray("{\"a\":1}"));
    // Through a symbolic link, as the user named it.
    QVERIFY(QFile::link(f.fileName(), dir.filePath(u"link.json"_s)));
    QCOMPARE(readBoundedFile(dir.filePath(u"link.json"_s), 100).value(), QByteArray("{\"a\":1}"));
    // An empty file is a file.
    QFile empty(dir.filePath(u"empty"_s));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    QCOMPARE(readBoundedFile(empty.fileName(), 10).value(), QByteArray());
}

void TestBoundedFile::refusals_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("words");
    QTest::newRow("missing") << u"missing"_s << int(FileReadError::Kind::Missing)
                             << u"does not exist"_s;
    QTest::newRow("directory") << u"directory"_s << int(FileReadError::Kind::Directory)
                               << u"is a directory"_s;
    QTest::newRow("FIFO") << u"fifo"_s << int(FileReadError::Kind::NotRegular)
                          << u"not a regular file"_s;
    QTest::newRow("/dev/zero") << u"/dev/zero"_s << int(FileReadError::Kind::NotRegular)
                               << u"not a regular file"_s;
    QTest::newRow("too large") << u"large"_s << int(FileReadError::Kind::TooLarge)
                               << u"larger than 1000 bytes (1001 bytes)"_s;
}

void TestBoundedFile::refusals()
{
    QFETCH(QString, what);
    QFETCH(int, kind);
    QFETCH(QString, words);
    QTemporaryDir dir;
    QString path = what.startsWith(u'/') ? what : dir.filePath(what);
    if (what == u"directory")
        QVERIFY(QDir(dir.path()).mkdir(what));
    if (what == u"fifo")
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    if (what == u"large") {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1001, 'x'));
    }
    QElapsedTimer t;
    t.start();
    auto read = readBoundedFile(path, 1000);
    QVERIFY(t.elapsed() < 2000); // a FIFO without a writer does not hang
    QVERIFY(!read.has_value());
    QCOMPARE(int(read.error().kind), kind);
    QVERIFY2(read.error().message().contains(words), qPrintable(read.error().message()));
    QVERIFY2(read.error().message().contains(path), qPrintable(read.error().message()));
}

void TestBoundedFile::stream()
{
    QBuffer small;
    small.setData("abc");
    small.open(QIODevice::ReadOnly);
    QCOMPARE(readBoundedStream(&small, 3, u"stdin"_s).value(), QByteArray("abc"));
    QBuffer big;
    big.setData(QByteArray(200000, 'z'));
    big.open(QIODevice::ReadOnly);
    auto read = readBoundedStream(&big, 100000, u"/dev/stdin"_s);
    QVERIFY(!read.has_value());
    QCOMPARE(read.error().kind, FileReadError::Kind::TooLarge);
}

DD_TEST_GUILESS_MAIN(TestBoundedFile)
#include "tst_boundedfile.moc"
