// Both builds fail on the rule, first, on the line of the annotation that breaks it. The only other error is javac's
// "cannot find symbol" where Classifier uses the model that was rightly not generated: no processor crash, no error in
// generated code, and no lint warning that -Werror made an error.
def source = new File(basedir, 'src/main/java/com/example/broken/SoftmaxInTheMiddle.java')
def line = source.readLines().findIndexOf { it.contains('@Activation(ActivationFunction.SOFTMAX)') } + 1
assert line > 0

def log = new File(basedir, 'build.log').readLines()
assert log.count { it.contains('BUILD FAILURE') } == 2

def errors = log.findAll { it ==~ /\[ERROR\] .*\.java:\[\d+,\d+\].*/ }
def rule = errors.findAll {
    it.contains("SoftmaxInTheMiddle.java:[${line},") && it.contains('[NetSoftmaxHidden] SOFTMAX is only allowed on the last layer')
}
def missingModel = errors.findAll { it.contains('/Classifier.java:') && it.endsWith('cannot find symbol') }
assert errors && errors.first() in rule : "the first error is not the rule's on line ${line}: ${errors}"
assert errors.size() == rule.size() + missingModel.size() : "errors other than the rule's and the missing model's: ${errors}"
assert log.findAll { it.contains('symbol: ') }.every { it.endsWith('class SoftmaxInTheMiddleModel') }
